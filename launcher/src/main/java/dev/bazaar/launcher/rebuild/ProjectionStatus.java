package dev.bazaar.launcher.rebuild;

import com.fasterxml.jackson.databind.JsonNode;

/** The part of a projection's status (rebuild contract) the client shows. */
record ProjectionStatus(String name, String state, long generation, long position, long head, long lag,
                        double eventsPerSecond, Double secondsLeft, String error) {

    static ProjectionStatus of(JsonNode json) {
        return new ProjectionStatus(json.get("name").asText(), json.get("state").asText(), json.get("generation").asLong(),
                json.get("position").asLong(), json.get("head").asLong(), json.get("lag").asLong(),
                json.get("eventsPerSecond").asDouble(),
                json.hasNonNull("secondsLeft") ? json.get("secondsLeft").asDouble() : null,
                json.hasNonNull("error") ? json.get("error").asText() : null);
    }

    boolean rebuilding() {
        return "REBUILDING".equals(state);
    }

    /** Share of the event store processed: events up to the position over events up to the head. */
    double done() {
        return head < 0 ? 1.0 : Math.max(0.0, Math.min(1.0, (position + 1.0) / (head + 1.0)));
    }
}
