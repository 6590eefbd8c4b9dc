package dev.spillway.connect.rest.net;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** An http:// or https:// URL without credentials, or empty; a bad value is quoted redacted. */
public final class HttpUrlValidator implements ConfigDef.Validator {

    @Override
    public void ensureValid(String name, Object value) {
        String text = (String) value;
        if (text == null || text.isEmpty()) {
            return;
        }
        try {
            Urls.parseHttpUrl(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, Urls.redact(text), e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "an http:// or https:// URL, or empty";
    }
}
