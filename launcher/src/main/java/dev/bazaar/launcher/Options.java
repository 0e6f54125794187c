package dev.bazaar.launcher;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code --name value} and {@code --flag} arguments. */
record Options(Map<String, String> values) {

    static Options parse(List<String> args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            int equals = name.indexOf('=');
            if (equals >= 0) {
                values.put(name.substring(0, equals), name.substring(equals + 1));
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                values.put(name, args.get(++i));
            } else {
                values.put(name, "true");
            }
        }
        return new Options(Map.copyOf(values));
    }

    boolean flag(String name) {
        return "true".equals(values.get(name));
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String required(String name) {
        return value(name).orElseThrow(() -> new IllegalArgumentException("--" + name + " is required"));
    }

    int requiredInt(String name) {
        return Integer.parseInt(required(name));
    }
}
