package dev.spillway.connect.rest;

import dev.spillway.connect.common.config.Problem;
import dev.spillway.connect.rest.extract.JsonBody;
import dev.spillway.connect.rest.extract.ResponseFormat;
import dev.spillway.connect.rest.http.ApiRequest;
import dev.spillway.connect.rest.http.BodyTemplate;
import dev.spillway.connect.rest.http.Template;
import dev.spillway.connect.rest.http.RequestHeaders;
import dev.spillway.connect.rest.http.RequestMethod;
import dev.spillway.connect.rest.http.RequestSettings;
import dev.spillway.connect.rest.net.Urls;
import dev.spillway.connect.rest.pagination.PageState;
import dev.spillway.connect.rest.pagination.PaginationSettings;
import dev.spillway.connect.rest.pagination.PaginationType;
import dev.spillway.connect.rest.pagination.ParamPlacement;
import dev.spillway.connect.rest.pagination.ParamPlacement.Location;
import dev.spillway.connect.rest.pagination.SortValues;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns the URL a {@code Pagination} builds for a page into the request of the endpoint: its method, body and
 * headers, with the pagination state moved from the query into the body or a header where
 * {@code pagination.param.location} says. Strategies keep building URLs, and source offsets stay the same whatever
 * the location, so a restart resumes from the same state.
 */
final class PageRequests {

    private PageRequests() {
    }

    /**
     * The request for the page at {@code uri} of {@code endpoint}.
     *
     * @throws IllegalArgumentException if the state cannot be set into the body
     */
    static ApiRequest request(Endpoint endpoint, ParamPlacement placement, URI uri, PageState state, int limit,
                              Instant now) {
        Function<String, Optional<String>> variables = variable -> variable.equals("limit")
            ? (limit > 0 ? Optional.of(String.valueOf(limit)) : Optional.empty()) : state.string(variable);
        JsonBody body = endpoint.body() == null ? null : endpoint.body().render(variables, now);
        RequestHeaders headers = endpoint.headers();
        URI target = uri;
        if (placement.movesState()) {
            Optional<String> value = Urls.queryParam(uri, placement.param());
            target = Urls.withoutQueryParam(uri, placement.param());
            if (placement.location() == Location.BODY) {
                JsonBody base = body == null ? JsonBody.empty() : body;
                body = base.with(placement.bodyPointer(), value.map(text -> jsonValue(text, placement)).orElse(null),
                    value.isEmpty());
            } else if (placement.location() == Location.HEADER && value.isPresent()) {
                headers = headers.with(RequestHeaders.parse(List.of(placement.header() + ": " + value.get()),
                    false));
            }
        }
        target = withTemplatedParams(endpoint, target, variables, now);
        byte[] bytes = endpoint.method() == RequestMethod.POST && body != null ? body.bytes() : null;
        return new ApiRequest(endpoint.method(), target, bytes, headers);
    }

    /**
     * {@code uri} with the endpoint's {@code http.request.params}, each filled from {@code state}, the page size
     * and the clock, URL-encoded; a parameter whose state variable has no value yet is left out.
     */
    private static URI withTemplatedParams(Endpoint endpoint, URI uri, Function<String, Optional<String>> variables,
                                          Instant now) {
        if (endpoint.params().isEmpty()) {
            return uri;
        }
        Map<String, String> values = new LinkedHashMap<>();
        endpoint.params().forEach((name, template) -> template.render(variables, now)
            .ifPresent(value -> values.put(name, value)));
        return Urls.withQueryParams(uri, values);
    }

    /**
     * The state as the JSON value of {@code pagination.param.body.type}: a string; a number (page numbers and
     * offsets by default; a page number that is not one stays a string); or the array of sort values it holds.
     */
    private static Object jsonValue(String state, ParamPlacement placement) {
        return switch (placement.bodyType()) {
            case ARRAY -> SortValues.parse(state);
            case NUMBER -> {
                try {
                    yield new BigDecimal(state).stripTrailingZeros().scale() <= 0 ? new BigDecimal(state)
                        .toBigIntegerExact() : new BigDecimal(state);
                } catch (NumberFormatException | ArithmeticException e) {
                    throw new IllegalArgumentException(ParamPlacement.BODY_TYPE_CONFIG + " is number, but the"
                        + " pagination state " + state + " is not a number");
                }
            }
            case STRING, AUTO -> state;
        };
    }

    /**
     * A body or a state placed in the body without a POST to carry it, for each endpoint: problems that take the
     * request settings and the pagination settings of the endpoint together.
     */
    static List<Problem> problems(EndpointSettings endpoints, RequestSettings request,
                                  PaginationSettings pagination, RecordSettings records) {
        List<Problem> problems = new ArrayList<>();
        for (String entry : endpoints.entries()) {
            String name;
            RequestMethod method;
            BodyTemplate body;
            Map<String, Template> params;
            PaginationSettings own;
            try {
                name = EndpointSettings.Spec.parse(entry).name();
                method = request.method(endpoints.override(name, EndpointSettings.ENDPOINT_REQUEST_METHOD_SUFFIX));
                body = request.body(endpoints.override(name, EndpointSettings.ENDPOINT_REQUEST_BODY_SUFFIX));
                params = request.params(endpoints.override(name, EndpointSettings.ENDPOINT_REQUEST_PARAMS_SUFFIX));
                own = pagination.forEndpoint(endpoints.paginationOverrides(name));
            } catch (RuntimeException e) {
                continue; // Reported on the key that is wrong by itself.
            }
            stateProblem(name, own.type(), body, params, endpoints).ifPresent(problems::add);
            if (own.problems().isEmpty() && own.placement().location() == Location.TEMPLATE
                    && !usesState(own.type(), body, params)) {
                problems.add(new Problem(ParamPlacement.LOCATION_CONFIG, "is template for endpoint '" + name
                    + "', but neither " + RequestSettings.PARAMS_CONFIG + " nor its body uses ${"
                    + stateVariable(own.type()) + "}, so the pagination state would reach no request"));
            }
            if (records.recordsFormat() == ResponseFormat.NDJSON
                    && (own.type() == PaginationType.CURSOR || own.type() == PaginationType.NEXT_URL)) {
                problems.add(new Problem(RecordSettings.RECORDS_FORMAT_CONFIG, "is ndjson, whose lines hold no"
                    + " cursor or next link, but endpoint '" + name + "' uses "
                    + PaginationSettings.PAGINATION_TYPE_CONFIG + "=" + own.type().configValue()));
            }
            if (records.recordsFormat() == ResponseFormat.NDJSON && own.sinceFromResponseBody()) {
                problems.add(new Problem(PaginationSettings.SINCE_NEXT_POINTER_CONFIG, "is set for endpoint '"
                    + name + "', but " + RecordSettings.RECORDS_FORMAT_CONFIG + "=ndjson bodies hold only items, so"
                    + " the next watermark could never be read and every walk would start again at the same one;"
                    + " use " + PaginationSettings.SINCE_NEXT_HEADER_CONFIG + " or "
                    + PaginationSettings.SINCE_SOURCE_CONFIG + "=item"));
            }
            if (own.limit() == 0 && usesVariable("limit", body, params)) {
                problems.add(new Problem(PaginationSettings.LIMIT_CONFIG, "is 0 (no page size), but the request"
                    + " parameters or body of endpoint '" + name + "' use ${limit}, which would be left out of every"
                    + " request; set " + PaginationSettings.LIMIT_CONFIG + " to the page size"));
            }
            if (method == RequestMethod.GET && body != null) {
                problems.add(new Problem(RequestSettings.BODY_CONFIG, "endpoint '" + name + "' has a request body"
                    + " but sends GET; set " + RequestSettings.METHOD_CONFIG + "=POST (or endpoint." + name
                    + ".request.method=POST)"));
            }
            if (method == RequestMethod.GET && own.problems().isEmpty()
                    && own.placement().location() == Location.BODY) {
                problems.add(new Problem(ParamPlacement.LOCATION_CONFIG, "is body for endpoint '" + name
                    + "', which sends GET; set " + RequestSettings.METHOD_CONFIG + "=POST"));
            }
        }
        return problems;
    }

    /** The placeholder of the state of {@code type}, or null if its state is a URL or nothing. */
    private static String stateVariable(PaginationType type) {
        return switch (type) {
            case CURSOR -> "cursor";
            case PAGE_NUMBER -> "page";
            case OFFSET_LIMIT -> "offset";
            case SINCE -> "since";
            case NONE, NEXT_URL, LINK_HEADER -> null;
        };
    }

    private static boolean usesState(PaginationType type, BodyTemplate body, Map<String, Template> params) {
        return usesVariable(stateVariable(type), body, params);
    }

    private static boolean usesVariable(String variable, BodyTemplate body, Map<String, Template> params) {
        return (body != null && body.variables().contains(variable))
            || params.values().stream().anyMatch(template -> template.variables().contains(variable));
    }

    /**
     * A template that uses a state placeholder the endpoint's pagination never has a value for (${cursor} with
     * page-number): it would be left out of every request, which is a mistake rather than a choice. The values it
     * does use are the page state the source offset stores, so a restart fills them again.
     */
    private static Optional<Problem> stateProblem(String name, PaginationType type, BodyTemplate body,
                                                  Map<String, Template> params, EndpointSettings endpoints) {
        String ownParams = endpoints.override(name, EndpointSettings.ENDPOINT_REQUEST_PARAMS_SUFFIX);
        Map<String, Template> own = RequestSettings.endpointParams(ownParams);
        String provided = stateVariable(type);
        for (Map.Entry<String, Template> param : params.entrySet()) {
            for (String variable : param.getValue().variables()) {
                if (!variable.equals("limit") && !variable.equals(provided)) {
                    String text = "parameter " + param.getKey() + " uses ${" + variable + "}, which "
                        + PaginationSettings.PAGINATION_TYPE_CONFIG + "=" + type.configValue() + " of endpoint '"
                        + name + "' never has a value for";
                    return Optional.of(own.containsKey(param.getKey())
                        ? new Problem(EndpointSettings.ENDPOINTS_CONFIG, EndpointSettings.ENDPOINT_PREFIX + name
                            + "." + EndpointSettings.ENDPOINT_REQUEST_PARAMS_SUFFIX + ": " + text)
                        : new Problem(RequestSettings.PARAMS_CONFIG, text));
                }
            }
        }
        if (body != null) {
            for (String variable : body.variables()) {
                if (!variable.equals("limit") && !variable.equals(provided)) {
                    String text = "uses ${" + variable + "}, which " + PaginationSettings.PAGINATION_TYPE_CONFIG
                        + "=" + type.configValue() + " of endpoint '" + name + "' never has a value for";
                    return Optional.of(endpoints.override(name, EndpointSettings.ENDPOINT_REQUEST_BODY_SUFFIX) != null
                        ? new Problem(EndpointSettings.ENDPOINTS_CONFIG, EndpointSettings.ENDPOINT_PREFIX + name
                            + "." + EndpointSettings.ENDPOINT_REQUEST_BODY_SUFFIX + " " + text)
                        : new Problem(RequestSettings.BODY_CONFIG, text));
                }
            }
        }
        return Optional.empty();
    }
}
