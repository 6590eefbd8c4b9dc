package dev.spillway.connect.rest.http;

import dev.spillway.connect.rest.net.MalformedPageException;

import java.net.http.HttpResponse;

/** Turns a 2xx response into a result; a {@link MalformedPageException} is retried like an HTTP error. */
@FunctionalInterface
public interface ResponseHandler<T> {
    T handle(HttpResponse<byte[]> response) throws MalformedPageException;
}
