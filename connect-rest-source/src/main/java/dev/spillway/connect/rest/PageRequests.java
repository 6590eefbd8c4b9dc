package dev.spillway.connect.rest;

import dev.spillway.connect.common.config.Problem;
import dev.spillway.connect.rest.extract.JsonBody;
import dev.spillway.connect.rest.extract.ResponseFormat;
import dev.spillway.connect.rest.http.ApiRequest;
import dev.spillway.connect.rest.http.RequestHeaders;
import dev.spillway.connect.rest.http.RequestMethod;
import dev.spillway.connect.rest.http.RequestSettings;
import dev.spillway.connect.rest.net.Urls;
import dev.spillway.connect.rest.pagination.PageState;
import dev.spillway.connect.rest.pagination.PaginationSettings;
import dev.spillway.connect.rest.pagination.PaginationType;
import dev.spillway.connect.rest.pagination.ParamPlacement;
import dev.spillway.connect.rest.pagination.ParamPlacement.Location;

import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        JsonBody body = endpoint.body();
        RequestHeaders headers = endpoint.headers();
        URI target = uri;
        if (placement.movesState()) {
            Optional<String> value = Urls.queryParam(uri, placement.param());
            target = Urls.withoutQueryParam(uri, placement.param());
            if (placement.location() == Location.BODY) {
                JsonBody base = body == null ? JsonBody.empty() : body;
                body = base.with(placement.bodyPointer(), value.map(text -> jsonValue(text, placement)).orElse(null),
                    value.isEmpty());
            } else if (value.isPresent()) {
                headers = headers.with(RequestHeaders.parse(List.of(placement.header() + ": " + value.get()),
                    false));
            }
        }
        target = withTemplatedParams(endpoint, target, state, limit, now);
        byte[] bytes = endpoint.method() == RequestMethod.POST && body != null ? body.bytes() : null;
        return new ApiRequest(endpoint.method(), target, bytes, headers);
    }

    /**
     * {@code uri} with the endpoint's {@code http.request.params}, each filled from {@code state}, the page size
     * and the clock, URL-encoded; a parameter whose state variable has no value yet is left out.
     */
    private static URI withTemplatedParams(Endpoint endpoint, URI uri, PageState state, int limit, Instant now) {
        if (endpoint.params().isEmpty()) {
            return uri;
        }
        Map<String, String> values = new LinkedHashMap<>();
        endpoint.params().forEach((name, template) -> template.render(variable -> variable.equals("limit")
                ? (limit > 0 ? Optional.of(String.valueOf(limit)) : Optional.empty()) : state.string(variable), now)
            .ifPresent(value -> values.put(name, value)));
        return Urls.withQueryParams(uri, values);
    }

    /** Page numbers and offsets are JSON numbers in a body; cursors and watermarks strings. */
    private static Object jsonValue(String state, ParamPlacement placement) {
        if (placement.numeric()) {
            try {
                return new BigInteger(state);
            } catch (NumberFormatException e) {
                return state;
            }
        }
        return state;
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
            JsonBody body;
            PaginationSettings own;
            try {
                name = EndpointSettings.Spec.parse(entry).name();
                method = request.method(endpoints.override(name, EndpointSettings.ENDPOINT_REQUEST_METHOD_SUFFIX));
                body = request.body(endpoints.override(name, EndpointSettings.ENDPOINT_REQUEST_BODY_SUFFIX));
                own = pagination.forEndpoint(endpoints.paginationOverrides(name));
            } catch (RuntimeException e) {
                continue; // Reported on the key that is wrong by itself.
            }
            if (records.recordsFormat() == ResponseFormat.NDJSON
                    && (own.type() == PaginationType.CURSOR || own.type() == PaginationType.NEXT_URL)) {
                problems.add(new Problem(RecordSettings.RECORDS_FORMAT_CONFIG, "is ndjson, whose lines hold no"
                    + " cursor or next link, but endpoint '" + name + "' uses "
                    + PaginationSettings.PAGINATION_TYPE_CONFIG + "=" + own.type().configValue()));
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
}
