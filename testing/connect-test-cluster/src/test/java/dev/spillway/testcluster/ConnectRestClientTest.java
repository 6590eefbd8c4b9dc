package dev.spillway.testcluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectRestClientTest {

    @Test
    void exceptionMessageUsesConnectErrorMessage() {
        ConnectRestException e = new ConnectRestException("POST", "http://127.0.0.1:1/connectors", 400,
                "{\"error_code\":400,\"message\":\"Connector configuration is invalid\"}");

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.body()).contains("error_code");
        assertThat(e.getMessage())
                .isEqualTo("POST http://127.0.0.1:1/connectors answered 400: Connector configuration is invalid");
    }

    @Test
    void exceptionMessageFallsBackToRawBody() {
        assertThat(ConnectRestException.errorMessage("<html>Oops</html>\n")).isEqualTo("<html>Oops</html>");
        assertThat(ConnectRestException.errorMessage("")).isEqualTo("(empty body)");
    }

    @Test
    void retriesRebalanceConflictsOnly() {
        assertThat(ConnectRestClient.isRebalanceConflict(
                "{\"error_code\":409,\"message\":\"Cannot complete request momentarily due to stale configuration "
                        + "(typically caused by a concurrent config change)\"}")).isTrue();
        assertThat(ConnectRestClient.isRebalanceConflict(
                "{\"error_code\":409,\"message\":\"Connector src already exists\"}")).isFalse();
    }

    @Test
    void encodesPathSegments() {
        assertThat(ConnectRestClient.encode("my connector/1")).isEqualTo("my%20connector%2F1");
        assertThat(ConnectRestClient.encode("org.apache.kafka.connect.file.FileStreamSourceConnector"))
                .isEqualTo("org.apache.kafka.connect.file.FileStreamSourceConnector");
    }

    @Test
    void trimsTrailingSlashOfBaseUrl() {
        assertThat(new ConnectRestClient("http://127.0.0.1:8083//").baseUrl()).isEqualTo("http://127.0.0.1:8083");
    }
}
