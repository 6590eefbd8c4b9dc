package dev.spillway.migrate.standin;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

import java.util.List;
import java.util.Map;

/** The stand-ins' task; never started (the stand-ins ask for no tasks). */
public abstract class StandInTask extends SourceTask {

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
