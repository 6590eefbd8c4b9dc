package dev.spillway.connect.rest;

import com.fasterxml.jackson.core.JsonPointer;
import dev.spillway.connect.json.JsonDataException;
import dev.spillway.connect.rest.extract.Item;
import dev.spillway.connect.rest.extract.ItemStructs;
import dev.spillway.connect.rest.extract.PageHeaders;
import dev.spillway.connect.rest.net.ServerText;
import dev.spillway.connect.rest.offset.SourceOffset;
import dev.spillway.connect.rest.offset.SourcePartition;
import dev.spillway.connect.rest.pagination.PagePosition;
import dev.spillway.connect.rest.pagination.PageState;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Turns the items of one endpoint into source records. */
final class RecordFactory {

    static final String ENDPOINT_HEADER = "spillway.rest.endpoint";
    static final String PAGE_HEADER = "spillway.rest.page";
    /** Compiled once: {@code String.matches} would compile it for every record. */
    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?[0-9]+");

    private final Endpoint endpoint;
    private final Map<String, Object> partition;
    private final String paginationType;
    private final Optional<JsonPointer> keyPointer;
    private final ValueFormat valueFormat;
    private final Optional<JsonPointer> timestampPointer;
    private final Header endpointHeader;
    private final ItemStructs structs;
    private final PageHeaders pageHeaders;
    private PageState headerPage;
    private Header pageHeader;

    RecordFactory(Endpoint endpoint, String paginationType, Optional<JsonPointer> keyPointer, ValueFormat valueFormat,
                  Optional<JsonPointer> timestampPointer) {
        this(endpoint, paginationType, keyPointer, valueFormat, timestampPointer, null, PageHeaders.NONE);
    }

    /**
     * @param structs     how items become Structs, for {@link ValueFormat#STRUCT}
     * @param pageHeaders the headers copied from each page onto its records
     */
    RecordFactory(Endpoint endpoint, String paginationType, Optional<JsonPointer> keyPointer, ValueFormat valueFormat,
                  Optional<JsonPointer> timestampPointer, ItemStructs structs, PageHeaders pageHeaders) {
        if (valueFormat == ValueFormat.STRUCT && structs == null) {
            throw new IllegalArgumentException("value.format=struct needs the inference options");
        }
        this.structs = structs;
        this.pageHeaders = pageHeaders;
        this.endpoint = endpoint;
        this.partition = new SourcePartition(endpoint.name()).toMap();
        this.paginationType = paginationType;
        this.keyPointer = keyPointer;
        this.valueFormat = valueFormat;
        this.timestampPointer = timestampPointer;
        this.endpointHeader = header(ENDPOINT_HEADER, endpoint.name());
    }

    /**
     * @param page     the request state of the page that held the item
     * @param resumeAt where a restart resumes once this record is committed
     * @param readAt   ingestion time, the record timestamp unless {@code timestamp.pointer} is set
     */
    SourceRecord record(Item item, int index, PageState page, PagePosition resumeAt, long readAt) {
        return record(item, index, page, resumeAt, readAt, List.of());
    }

    /** As {@link #record(Item, int, PageState, PagePosition, long)}, with the page's {@link #pageHeaders()}. */
    SourceRecord record(Item item, int index, PageState page, PagePosition resumeAt, long readAt,
                        List<Header> fromPage) {
        // The value first: once an item has built its map, the pointers below are read from it.
        Schema valueSchema;
        Object value;
        if (valueFormat == ValueFormat.SCHEMALESS) {
            valueSchema = null;
            value = item.value();
        } else if (valueFormat == ValueFormat.STRUCT) {
            SchemaAndValue struct = struct(item, index, page);
            valueSchema = struct.schema();
            value = struct.value();
        } else {
            valueSchema = Schema.STRING_SCHEMA;
            value = item.json();
        }
        String key = keyPointer.flatMap(item::textAt).orElse(null);
        Schema keySchema = keyPointer.isPresent() ? Schema.OPTIONAL_STRING_SCHEMA : null;
        ConnectHeaders headers = new ConnectHeaders();
        headers.add(endpointHeader);
        headers.add(pageHeader(page));
        fromPage.forEach(headers::add);
        return new SourceRecord(partition, new SourceOffset(paginationType, resumeAt).toMap(), endpoint.topic(), null,
            keySchema, key, valueSchema, value, timestamp(item, index, page, readAt), headers);
    }

    /** What is copied from each page onto its records. */
    PageHeaders pageHeaders() {
        return pageHeaders;
    }

    private SchemaAndValue struct(Item item, int index, PageState page) {
        try {
            return structs.convert(item);
        } catch (JsonDataException e) {
            String where = e.at("");
            throw new DataException("Endpoint '" + endpoint.name() + "': item " + index + " of page " + page
                + " cannot become a Struct" + (where.isEmpty() ? "" : " at '" + where + "'") + ": " + e.problem()
                + "; set " + RecordSettings.VALUE_STRUCT_CONFLICTS_CONFIG + "=string to keep such values as JSON"
                + " text, or use " + RecordSettings.VALUE_FORMAT_CONFIG + "=json-string", e);
        } catch (DataException e) {
            // What the page parser lets through but ParseJson's stricter reader does not: a repeated member
            // name, an exponent beyond 1000 (ParseJson's json.max.number.length, not a setting here).
            throw new DataException("Endpoint '" + endpoint.name() + "': item " + index + " of page " + page
                + " cannot become a Struct: " + e.getMessage() + "; use " + RecordSettings.VALUE_FORMAT_CONFIG
                + "=json-string for such items", e);
        }
    }

    /** The items of a page share one header; headers are immutable, only a record's list of them is not. */
    private Header pageHeader(PageState page) {
        if (page != headerPage) {
            headerPage = page;
            pageHeader = header(PAGE_HEADER, page.toString());
        }
        return pageHeader;
    }

    private static Header header(String key, String value) {
        return new ConnectHeaders().addString(key, value).lastWithName(key);
    }

    private long timestamp(Item item, int index, PageState page, long readAt) {
        if (timestampPointer.isEmpty()) {
            return readAt;
        }
        Object value = item.at(timestampPointer.get()).orElse(null);
        long millis = -1;
        try {
            if (value instanceof Long number) {
                millis = number;
            } else if (value instanceof String text) {
                if (EPOCH_MILLIS.matcher(text).matches()) {
                    millis = Long.parseLong(text);
                } else {
                    try {
                        millis = Instant.parse(text).toEpochMilli();
                    } catch (DateTimeParseException e) {
                        millis = OffsetDateTime.parse(text).toInstant().toEpochMilli();
                    }
                }
            }
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            // Reported below with the value; an instant beyond a long of milliseconds throws ArithmeticException.
        }
        // Kafka refuses a negative record timestamp when the worker sends the record, far from this message.
        if (millis >= 0) {
            return millis;
        }
        throw new DataException("Endpoint '" + endpoint.name() + "': item " + index + " of page " + page
            + " has no usable timestamp at " + RecordSettings.TIMESTAMP_POINTER_CONFIG + " '" + timestampPointer.get()
            + "': expected epoch milliseconds or an ISO-8601 instant, from 1970 on, found "
            + (value == null ? "nothing" : ServerText.quote(String.valueOf(value))));
    }
}
