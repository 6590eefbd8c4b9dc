/**
 * How a command ends: {@link dev.spillway.dlq.errors.CommandException} carries a one-line message and one of the
 * {@link dev.spillway.dlq.errors.ExitCodes}. A leaf package, so that {@code kafka/} and {@code replay/} can throw
 * them without depending on the commands above them.
 */
package dev.spillway.dlq.errors;
