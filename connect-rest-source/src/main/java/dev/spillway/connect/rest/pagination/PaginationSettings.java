package dev.spillway.connect.rest.pagination;

import com.fasterxml.jackson.core.JsonPointer;
import dev.spillway.connect.common.config.ConfigChoice;
import dev.spillway.connect.common.config.Problem;
import dev.spillway.connect.common.config.VisibleWhen;
import dev.spillway.connect.rest.extract.JsonPointers;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.NonEmptyString;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code pagination.*} settings and {@code max.pages}: how an endpoint is walked. An endpoint's own
 * {@code endpoint.<name>.pagination.*} settings are applied by {@link #forEndpoint}, which parses only these keys.
 */
public final class PaginationSettings {

    private static final String GROUP = "Pagination";
    public static final String PREFIX = "pagination.";

    public static final String PAGINATION_TYPE_CONFIG = "pagination.type";
    public static final String PAGINATION_TYPE_DOC = "How an endpoint is walked. 'none': one request per poll; the"
        + " response is an append-only list and only items beyond those already emitted are emitted. 'cursor': the"
        + " next cursor is in the body at pagination.cursor.pointer and is sent as pagination.cursor.param."
        + " 'next-url': the next page's URL is in the body at pagination.next.url.pointer. 'link-header': it is the"
        + " rel=\"next\" link of the Link header. 'page-number': pagination.page.param counts up from"
        + " pagination.page.start. 'offset-limit': pagination.offset.param advances by pagination.limit."
        + " 'since': the highest value of the item field at pagination.since.pointer is sent as"
        + " pagination.since.param (the API must sort ascending by it; see pagination.since.filter and docs/rest-source.md).";
    public static final String PAGINATION_TYPE_DEFAULT = "none";

    public static final String CURSOR_POINTER_CONFIG = "pagination.cursor.pointer";
    public static final String CURSOR_POINTER_DOC = "For pagination.type=cursor: JSON pointer to the next cursor"
        + " in the response body, e.g. /next_cursor or /meta/next. A missing, null or empty cursor ends the walk.";

    public static final String CURSOR_PARAM_CONFIG = "pagination.cursor.param";
    public static final String CURSOR_PARAM_DOC = "For pagination.type=cursor: query parameter the cursor is sent in.";
    public static final String CURSOR_PARAM_DEFAULT = "cursor";

    public static final String NEXT_URL_POINTER_CONFIG = "pagination.next.url.pointer";
    public static final String NEXT_URL_POINTER_DOC = "For pagination.type=next-url: JSON pointer to the next"
        + " page's URL in the response body, e.g. /next or /links/next; relative URLs are resolved against the"
        + " page's URL. Links to another host are refused, since the request would carry the credentials there.";

    public static final String PAGE_PARAM_CONFIG = "pagination.page.param";
    public static final String PAGE_PARAM_DOC = "For pagination.type=page-number: query parameter of the page number.";
    public static final String PAGE_PARAM_DEFAULT = "page";

    public static final String PAGE_START_CONFIG = "pagination.page.start";
    public static final String PAGE_START_DOC = "For pagination.type=page-number: number of the first page.";
    public static final long PAGE_START_DEFAULT = 1L;

    public static final String OFFSET_PARAM_CONFIG = "pagination.offset.param";
    public static final String OFFSET_PARAM_DOC = "For pagination.type=offset-limit: query parameter of the offset.";
    public static final String OFFSET_PARAM_DEFAULT = "offset";

    public static final String LIMIT_PARAM_CONFIG = "pagination.limit.param";
    public static final String LIMIT_PARAM_DOC = "Query parameter of the page size, sent with pagination.limit on"
        + " every request the connector builds (not on next URLs the API returns).";
    public static final String LIMIT_PARAM_DEFAULT = "limit";

    public static final String LIMIT_CONFIG = "pagination.limit";
    public static final String LIMIT_DOC = "Page size to request; 0 to send none. Required by offset-limit. With"
        + " page-number and offset-limit a page shorter than this ends the walk.";
    public static final int LIMIT_DEFAULT = 0;

    public static final String SINCE_POINTER_CONFIG = "pagination.since.pointer";
    public static final String SINCE_POINTER_DOC = "For pagination.type=since: JSON pointer, inside each item, to"
        + " the field whose highest value becomes the next request's watermark, e.g. /updated_at or /id.";

    public static final String SINCE_PARAM_CONFIG = "pagination.since.param";
    public static final String SINCE_PARAM_DOC = "For pagination.type=since: query parameter of the watermark.";
    public static final String SINCE_PARAM_DEFAULT = "since";

    public static final String SINCE_INITIAL_CONFIG = "pagination.since.initial";
    public static final String SINCE_INITIAL_DOC = "For pagination.type=since: watermark of the very first"
        + " request; empty to send none and read from the beginning.";
    public static final String SINCE_INITIAL_DEFAULT = "";

    public static final String SINCE_SOURCE_CONFIG = "pagination.since.source";
    public static final String SINCE_SOURCE_DOC = "For pagination.type=since: where the next watermark comes from."
        + " 'item' (default): the highest value of pagination.since.pointer among the items read. 'response': the"
        + " response says it, at pagination.since.next.pointer in the body (e.g. /end_time) or in the header"
        + " pagination.since.next.header, as incremental exports do (Zendesk's end_time); the walk ends on an"
        + " empty page or when the response repeats the watermark sent, and asks again from it later.";
    public static final String SINCE_SOURCE_DEFAULT = "item";

    public static final String SINCE_NEXT_POINTER_CONFIG = "pagination.since.next.pointer";
    public static final String SINCE_NEXT_POINTER_DOC = "With pagination.since.source=response: JSON pointer in the"
        + " response body to the next watermark, e.g. /end_time.";

    public static final String SINCE_NEXT_HEADER_CONFIG = "pagination.since.next.header";
    public static final String SINCE_NEXT_HEADER_DOC = "With pagination.since.source=response: the response header"
        + " holding the next watermark, instead of pagination.since.next.pointer.";

    public static final String SINCE_FILTER_CONFIG = "pagination.since.filter";
    public static final String SINCE_FILTER_DOC = "For pagination.type=since: how the API compares items with the"
        + " watermark. 'inclusive' (>=): the next request sends the highest value emitted, and the items at it that"
        + " come back are skipped. 'exclusive' (>, e.g. created[gt]): the next request sends the value below the"
        + " highest one, so items sharing the highest value that a page end split off are returned too. Either way"
        + " only items provably emitted before (at the stored value, at most the stored number) are skipped, so"
        + " with 'inclusive' against an exclusive API nothing is lost unless several items share a value across a"
        + " page end.";
    public static final String SINCE_FILTER_DEFAULT = SincePagination.Filter.INCLUSIVE.configValue();

    public static final String MAX_PAGES_CONFIG = "max.pages";
    public static final String MAX_PAGES_DOC = "Most pages read in one walk of an endpoint. A walk that reaches it"
        + " stops with a warning and continues from where it stopped after poll.interval.ms; it guards against"
        + " APIs whose next links never end. A repeated cursor or URL, or an empty page, also ends a walk.";
    public static final int MAX_PAGES_DEFAULT = 1000;

    /** These keys alone, to parse an endpoint's overrides without the rest of the configuration. */
    private static final ConfigDef OWN_DEF = define(new ConfigDef());

    private final Map<String, Object> values;
    private final PaginationType type;
    private final Pagination pagination;

    /** @param values parsed values holding at least every key {@link #define} defines */
    public PaginationSettings(Map<String, ?> values) {
        this.values = new HashMap<>();
        OWN_DEF.names().forEach(key -> this.values.put(key, values.get(key)));
        this.type = ConfigChoice.parse(PaginationType.class, PAGINATION_TYPE_CONFIG, string(PAGINATION_TYPE_CONFIG));
        this.pagination = problems().isEmpty() ? type.create(this) : null;
    }

    public static ConfigDef define(ConfigDef def) {
        int order = 0;
        def.define(PAGINATION_TYPE_CONFIG, Type.STRING, PAGINATION_TYPE_DEFAULT,
                ConfigChoice.validator(PaginationType.class), Importance.HIGH, PAGINATION_TYPE_DOC, GROUP, ++order,
                Width.SHORT, "Pagination", ConfigChoice.recommender(PaginationType.class))
            .define(CURSOR_POINTER_CONFIG, Type.STRING, null, JsonPointers.validator(true), Importance.MEDIUM,
                CURSOR_POINTER_DOC, GROUP, ++order, Width.MEDIUM, "Cursor pointer", shownFor(CURSOR_POINTER_CONFIG))
            .define(CURSOR_PARAM_CONFIG, Type.STRING, CURSOR_PARAM_DEFAULT, new NonEmptyString(), Importance.MEDIUM,
                CURSOR_PARAM_DOC, GROUP, ++order, Width.SHORT, "Cursor parameter", shownFor(CURSOR_PARAM_CONFIG))
            .define(NEXT_URL_POINTER_CONFIG, Type.STRING, null, JsonPointers.validator(true), Importance.MEDIUM,
                NEXT_URL_POINTER_DOC, GROUP, ++order, Width.MEDIUM, "Next URL pointer",
                shownFor(NEXT_URL_POINTER_CONFIG))
            .define(PAGE_PARAM_CONFIG, Type.STRING, PAGE_PARAM_DEFAULT, new NonEmptyString(), Importance.MEDIUM,
                PAGE_PARAM_DOC, GROUP, ++order, Width.SHORT, "Page parameter", shownFor(PAGE_PARAM_CONFIG))
            .define(PAGE_START_CONFIG, Type.LONG, PAGE_START_DEFAULT, Range.atLeast(0), Importance.LOW,
                PAGE_START_DOC, GROUP, ++order, Width.SHORT, "First page", shownFor(PAGE_START_CONFIG))
            .define(OFFSET_PARAM_CONFIG, Type.STRING, OFFSET_PARAM_DEFAULT, new NonEmptyString(), Importance.MEDIUM,
                OFFSET_PARAM_DOC, GROUP, ++order, Width.SHORT, "Offset parameter", shownFor(OFFSET_PARAM_CONFIG))
            .define(LIMIT_PARAM_CONFIG, Type.STRING, LIMIT_PARAM_DEFAULT, new NonEmptyString(), Importance.MEDIUM,
                LIMIT_PARAM_DOC, GROUP, ++order, Width.SHORT, "Page size parameter")
            .define(LIMIT_CONFIG, Type.INT, LIMIT_DEFAULT, Range.atLeast(0), Importance.MEDIUM, LIMIT_DOC,
                GROUP, ++order, Width.SHORT, "Page size")
            .define(SINCE_POINTER_CONFIG, Type.STRING, null, JsonPointers.validator(true), Importance.MEDIUM,
                SINCE_POINTER_DOC, GROUP, ++order, Width.MEDIUM, "Since field pointer", shownFor(SINCE_POINTER_CONFIG))
            .define(SINCE_PARAM_CONFIG, Type.STRING, SINCE_PARAM_DEFAULT, new NonEmptyString(), Importance.MEDIUM,
                SINCE_PARAM_DOC, GROUP, ++order, Width.SHORT, "Since parameter", shownFor(SINCE_PARAM_CONFIG))
            .define(SINCE_INITIAL_CONFIG, Type.STRING, SINCE_INITIAL_DEFAULT, Importance.LOW, SINCE_INITIAL_DOC,
                GROUP, ++order, Width.MEDIUM, "Initial watermark", shownFor(SINCE_INITIAL_CONFIG))
            .define(SINCE_FILTER_CONFIG, Type.STRING, SINCE_FILTER_DEFAULT,
                ConfigChoice.validator(SincePagination.Filter.class), Importance.MEDIUM, SINCE_FILTER_DOC,
                GROUP, ++order, Width.SHORT, "Since filter",
                shownFor(SINCE_FILTER_CONFIG).listing(SincePagination.Filter.class))
            .define(SINCE_SOURCE_CONFIG, Type.STRING, SINCE_SOURCE_DEFAULT, ConfigDef.ValidString.in("item",
                "response"), Importance.MEDIUM, SINCE_SOURCE_DOC, GROUP, ++order, Width.SHORT, "Since source",
                shownFor(SINCE_SOURCE_CONFIG))
            .define(SINCE_NEXT_POINTER_CONFIG, Type.STRING, null, JsonPointers.validator(true), Importance.MEDIUM,
                SINCE_NEXT_POINTER_DOC, GROUP, ++order, Width.MEDIUM, "Next since pointer",
                shownFor(SINCE_NEXT_POINTER_CONFIG))
            .define(SINCE_NEXT_HEADER_CONFIG, Type.STRING, null, Importance.MEDIUM, SINCE_NEXT_HEADER_DOC, GROUP,
                ++order, Width.MEDIUM, "Next since header", shownFor(SINCE_NEXT_HEADER_CONFIG))
            .define(MAX_PAGES_CONFIG, Type.INT, MAX_PAGES_DEFAULT, Range.atLeast(1), Importance.LOW, MAX_PAGES_DOC,
                GROUP, ++order, Width.SHORT, "Max pages per walk");
        ParamPlacement.define(def, GROUP, order);
        return def;
    }

    /** Visible only for the pagination types whose {@link PaginationType#keys()} hold {@code key}. */
    private static VisibleWhen shownFor(String key) {
        PaginationType[] users = Arrays.stream(PaginationType.values()).filter(type -> type.keys().contains(key))
            .toArray(PaginationType[]::new);
        return VisibleWhen.keyIs(PAGINATION_TYPE_CONFIG, users);
    }

    /** Whether {@code key} is one of the settings an endpoint may override as endpoint.<name>.<key>. */
    public static boolean isOverridable(String key) {
        return key.startsWith(PREFIX) && OWN_DEF.names().contains(key);
    }

    /**
     * These settings as one endpoint sees them: {@code overrides} (pagination.* keys, unparsed) over the
     * connector's. Only the pagination keys are parsed again.
     *
     * @throws ConfigException if an override is not a valid value of its key
     */
    public PaginationSettings forEndpoint(Map<String, ?> overrides) {
        if (overrides.isEmpty()) {
            return this;
        }
        Map<String, Object> merged = new HashMap<>(values);
        // An unset key (null) is left out, so that parsing gives it its default (null) again.
        merged.values().removeIf(Objects::isNull);
        merged.putAll(overrides);
        return new PaginationSettings(OWN_DEF.parse(merged));
    }

    public PaginationType type() {
        return type;
    }

    /** The strategy of {@link #type()}, or {@code null} if its required settings are missing. */
    public Pagination pagination() {
        return pagination;
    }

    /** Every setting that is wrong given the others; empty if {@link #pagination()} is usable. */
    public List<Problem> problems() {
        List<Problem> problems = new java.util.ArrayList<>(type.problems(this));
        problems.addAll(ParamPlacement.problems(values, type));
        return problems;
    }

    /** Where the state goes in a request; call {@link #problems()} first. */
    public ParamPlacement placement() {
        return ParamPlacement.from(values, type);
    }

    /** {@code pagination.limit}: the page size asked for, 0 for the API's default. */
    public int limit() {
        return (Integer) values.get(LIMIT_CONFIG);
    }

    public int maxPages() {
        return (Integer) values.get(MAX_PAGES_CONFIG);
    }

    FixedParams fixedParams() {
        return new FixedParams(string(LIMIT_PARAM_CONFIG), (Integer) values.get(LIMIT_CONFIG));
    }

    String string(String key) {
        return (String) values.get(key);
    }

    long longValue(String key) {
        return (Long) values.get(key);
    }

    JsonPointer pointer(String key) {
        return JsonPointers.parse(string(key));
    }

    /** The item pointers of an array watermark ({@code pagination.param.body.type=array}); empty otherwise. */
    List<JsonPointer> arrayPointers() {
        return ParamPlacement.arrayPointers(values);
    }

    /** Whether the watermark is an array of sort values, whose pointers replace pagination.since.pointer. */
    boolean arrayWatermark() {
        return ParamPlacement.BodyType.ARRAY.matches((String) values.get(ParamPlacement.BODY_TYPE_CONFIG));
    }

    /** Whether the next watermark is read from the response's body, at pagination.since.next.pointer. */
    public boolean sinceFromResponseBody() {
        String pointer = string(SINCE_NEXT_POINTER_CONFIG);
        return type() == PaginationType.SINCE && sinceFromResponse() && pointer != null && !pointer.isBlank();
    }

    /** Whether the next watermark comes from the response rather than from the items. */
    boolean sinceFromResponse() {
        return "response".equals(string(SINCE_SOURCE_CONFIG));
    }

    SincePagination.Filter sinceFilter() {
        return ConfigChoice.parse(SincePagination.Filter.class, SINCE_FILTER_CONFIG, string(SINCE_FILTER_CONFIG));
    }
}
