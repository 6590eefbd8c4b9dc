/** Which dead letters a command works on: original topic, connector, exception, message, time and offsets. */
package dev.spillway.dlq.filter;
