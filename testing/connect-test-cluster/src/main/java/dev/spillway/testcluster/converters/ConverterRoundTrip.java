package dev.spillway.testcluster.converters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.apicurio.registry.serde.avro.NonRecordContainer;
import io.apicurio.registry.utils.converter.avro.AvroData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends Connect data through the converters a worker would use, without a broker: Kafka's {@code JsonConverter}
 * (schemas on and off) and Avro as Apicurio's Connect converter translates it ({@code AvroData}), with the Avro
 * schema re-parsed by Avro's own {@code Schema.Parser} and the value written to and read from Avro binary.
 *
 * <p>Needs connect-json and io.apicurio:apicurio-registry-utils-converter on the caller's test classpath.
 */
public final class ConverterRoundTrip {

    private static final String TOPIC = "round-trip";
    /** JsonConverter: write nulls as nulls even where the field has a default. */
    public static final Map<String, String> KEEP_NULLS = Map.of("replace.null.with.default", "false");

    private ConverterRoundTrip() {
    }

    /** A JsonConverter as a worker configures it ({@code key.converter.*} / {@code value.converter.*}). */
    public static JsonConverter json(boolean schemas, boolean isKey, Map<String, String> extra) {
        Map<String, Object> config = new HashMap<>(extra);
        config.put("schemas.enable", String.valueOf(schemas));
        JsonConverter converter = new JsonConverter();
        converter.configure(config, isKey);
        return converter;
    }

    /** The JSON text the converter writes for a value (schemas on or off). */
    public static String jsonText(Schema schema, Object value, boolean schemas, Map<String, String> extra) {
        byte[] bytes = json(schemas, false, extra).fromConnectData(TOPIC, schema, value);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** Serialises and deserialises with a JsonConverter. */
    public static SchemaAndValue viaJson(Schema schema, Object value, boolean schemas, boolean isKey,
                                         Map<String, String> extra) {
        JsonConverter converter = json(schemas, isKey, extra);
        return converter.toConnectData(TOPIC, converter.fromConnectData(TOPIC, schema, value));
    }

    /**
     * The Avro schema the converter registers for a Connect schema, after a trip through its JSON text and Avro's
     * parser: that parse fails on any name that is not a legal Avro full name.
     */
    public static org.apache.avro.Schema avroSchema(Schema schema) {
        return avroSchema(new AvroData(16), schema);
    }

    private static org.apache.avro.Schema avroSchema(AvroData avroData, Schema schema) {
        org.apache.avro.Schema translated = avroData.fromConnectSchema(schema);
        return new org.apache.avro.Schema.Parser().parse(translated.toString());
    }

    /** Connect to Avro binary (under the re-parsed schema) and back, as the Avro converter's two halves do. */
    public static SchemaAndValue viaAvro(Schema schema, Object value) {
        return readWithNewerSchema(schema, value, schema);
    }

    /**
     * Schema evolution as a registry's BACKWARD rule means it: {@code value}, written in Avro under the writer
     * schema's translation, read under the reader schema's (Avro's schema resolution) and back to Connect.
     */
    public static SchemaAndValue readWithNewerSchema(Schema writer, Object value, Schema reader) {
        AvroData avroData = new AvroData(16);
        org.apache.avro.Schema writerAvro = avroSchema(avroData, writer);
        org.apache.avro.Schema readerAvro = avroSchema(avroData, reader);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            Object datum = avroData.fromConnectData(writer, value);
            // Keys and values that are not records come wrapped, for the serializer to unwrap.
            if (datum instanceof NonRecordContainer<?> container) {
                datum = container.getValue();
            }
            new GenericDatumWriter<>(writerAvro).write(datum, encoder);
            encoder.flush();
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(out.toByteArray(), null);
            Object read = new GenericDatumReader<>(writerAvro, readerAvro).read(null, decoder);
            return avroData.toConnectData(readerAvro, read);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts that key and value come back equal, schema included, through JSON with schemas and through Avro, and
     * that JSON without schemas writes and reads them (what it gives back is the callers' to check). JSON is set
     * up with {@code replace.null.with.default=false}: by default it writes an optional field's default in place of
     * its null, which {@link #jsonText} and {@link #viaJson} with no extra settings show.
     */
    public static void assertRoundTrips(ConnectRecord<?> record) {
        assertRoundTrips(record.keySchema(), record.key(), true);
        assertRoundTrips(record.valueSchema(), record.value(), false);
    }

    /** {@link #assertRoundTrips(ConnectRecord)} for one key or value. */
    public static void assertRoundTrips(Schema schema, Object value, boolean isKey) {
        String what = isKey ? "key" : "value";
        SchemaAndValue json = viaJson(schema, value, true, isKey, KEEP_NULLS);
        if (schema != null) {
            assertEquals(schema, json.schema(), what + " schema through JSON with schemas");
        }
        assertEquals(value, json.value(), what + " through JSON with schemas");
        viaJson(schema, value, false, isKey, KEEP_NULLS);
        if (schema != null) {
            SchemaAndValue avro = viaAvro(schema, value);
            assertEquals(schema, avro.schema(), what + " schema through Avro");
            assertEquals(value, withByteArrays(avro.value()), what + " through Avro");
        }
    }

    /**
     * The Avro converter hands BYTES back as ByteBuffers, a Connect value as legal as the byte[] a source gives;
     * byte[] everywhere makes the two comparable.
     */
    public static Object withByteArrays(Object value) {
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        if (value instanceof Struct struct) {
            Struct copy = new Struct(struct.schema());
            for (Field field : struct.schema().fields()) {
                copy.put(field, withByteArrays(struct.getWithoutDefault(field.name())));
            }
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(withByteArrays(item)));
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(withByteArrays(k), withByteArrays(v)));
            return copy;
        }
        return value;
    }
}
