package dev.spillway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class SampleOrdersApiTest {

    private static final Pattern NEXT = Pattern.compile("\"next_cursor\":(null|\"(\\d+)\")");
    private static final Pattern ID = Pattern.compile("\\{\"id\":(\\d+),");

    @Test
    void walksEveryOrderOnceByCursorAndEndsWithANullCursor() throws Exception {
        try (SampleOrdersApi api = new SampleOrdersApi(60)) {
            HttpClient client = HttpClient.newHttpClient();
            String cursor = null;
            int pages = 0;
            long expectedId = 1;
            do {
                String query = "?limit=25" + (cursor == null ? "" : "&cursor=" + cursor);
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        api.baseUrl().resolve(SampleOrdersApi.PATH + query)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                Matcher ids = ID.matcher(response.body());
                while (ids.find()) {
                    assertThat(Long.parseLong(ids.group(1))).isEqualTo(expectedId++);
                }
                Matcher next = NEXT.matcher(response.body());
                assertThat(next.find()).as(response.body()).isTrue();
                cursor = next.group(2);
                pages++;
            } while (cursor != null);
            assertThat(pages).isEqualTo(3);
            assertThat(expectedId - 1).isEqualTo(60);
        }
    }
}
