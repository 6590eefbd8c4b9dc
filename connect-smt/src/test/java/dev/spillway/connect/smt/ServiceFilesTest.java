package dev.spillway.connect.smt;

import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The worker discovers plugins through these files and instantiates them reflectively. */
class ServiceFilesTest {

    @ParameterizedTest
    @ValueSource(classes = {Transformation.class, Predicate.class})
    void listsInstantiablePlugins(Class<?> pluginType) throws Exception {
        List<String> classNames = read("META-INF/services/" + pluginType.getName());

        assertThat(classNames).isNotEmpty();
        for (String className : classNames) {
            Class<?> plugin = Class.forName(className);
            assertThat(pluginType).isAssignableFrom(plugin);
            assertThat(Modifier.isAbstract(plugin.getModifiers())).as(className + " is concrete").isFalse();
            assertThat(Modifier.isPublic(plugin.getModifiers())).as(className + " is public").isTrue();
            Constructor<?> constructor = plugin.getConstructor();
            assertThat(Modifier.isPublic(constructor.getModifiers())).isTrue();
            assertThat(constructor.newInstance()).isNotNull();
        }
    }

    @ParameterizedTest
    @ValueSource(classes = {Transformation.class, Predicate.class})
    void listsEveryPlugin(Class<?> pluginType) throws Exception {
        List<String> expected = pluginType == Transformation.class
            ? List.of(Mask.Key.class.getName(), Mask.Value.class.getName(), CdcUnwrap.Value.class.getName(),
                ParseJson.Key.class.getName(), ParseJson.Value.class.getName(),
                RouteByField.class.getName(), Guard.class.getName())
            : List.of(dev.spillway.connect.smt.predicates.FieldMatches.class.getName(),
                dev.spillway.connect.smt.predicates.IsCdcDelete.class.getName());
        assertThat(read("META-INF/services/" + pluginType.getName())).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static List<String> read(String resource) throws IOException {
        try (InputStream in = ServiceFilesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                .map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        }
    }
}
