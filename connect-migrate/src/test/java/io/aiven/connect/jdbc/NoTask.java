package io.aiven.connect.jdbc;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

import java.util.List;
import java.util.Map;

/** The stand-in's task class; never started (the stand-in asks for no tasks). */
public class NoTask extends SourceTask {

    @Override
    public String version() {
        return "stand-in";
    }

    @Override
    public void start(Map<String, String> props) {
    }

    @Override
    public List<SourceRecord> poll() {
        return null;
    }

    @Override
    public void stop() {
    }
}
