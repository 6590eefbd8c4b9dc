package dev.spillway.schemaregistry;

import io.apicurio.common.apps.config.DynamicConfigPropertyList;
import java.util.List;
import javax.enterprise.inject.Produces;
import javax.inject.Singleton;

/**
 * Stands in for the build step of Apicurio's config-index extension, whose deployment artifact Maven Central does
 * not have: that step lists the settings an admin may change at run time. The tests change none, so the list is
 * empty and the registry runs on its static configuration.
 */
public class DynamicConfigPropertyListProducer {

    @Produces
    @Singleton
    DynamicConfigPropertyList dynamicConfigProperties() {
        return new DynamicConfigPropertyList(List.of());
    }
}
