/** Output: keys and values as JSON, text or hex; records as text and JSON; the summary; the progress bar. */
package dev.spillway.dlq.render;
