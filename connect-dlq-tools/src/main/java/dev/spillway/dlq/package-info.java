/**
 * {@code spillway-dlq}: the command-line tool ({@link dev.spillway.dlq.SpillwayDlq}), one class per command, the
 * option groups they share, and the exit codes.
 */
package dev.spillway.dlq;
