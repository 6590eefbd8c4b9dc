package dev.spillway.connect.rest.http;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.security.cert.CertificateException;

/** What an I/O failure of a request was, for the retry decision and the one-line error message. */
final class IoFailures {

    private IoFailures() {
    }

    /** A handshake that failed on the certificate (untrusted, expired, wrong host), not on the network. */
    static boolean isCertificateFailure(IOException e) {
        boolean handshake = false;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            handshake |= cause instanceof SSLHandshakeException;
            if (handshake && cause instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }

    static String describe(IOException e) {
        if (isCertificateFailure(e)) {
            return "a TLS certificate that fails verification (" + e.getMessage() + "). If the server's"
                + " certificate is signed by a private CA, set http.tls.truststore.location to that CA's"
                + " certificate (PEM) or a JKS/PKCS12 trust store holding it";
        }
        String type = e instanceof java.net.http.HttpConnectTimeoutException ? "a connect timeout"
            : e instanceof java.net.http.HttpTimeoutException ? "a read timeout"
            : e instanceof java.net.ConnectException ? "a connection error"
            : "an I/O error";
        return type + " (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
            + ")";
    }
}
