package io.confluent.connect.jdbc;

import dev.spillway.migrate.standin.StandInTask;

/** The stand-in's task class, under the name Confluent's connector would report. */
public class NoTask extends StandInTask {
}
