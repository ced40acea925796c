package org.hfmailbox.reference.scenario;

/**
 * One expectation of a step line, {@code [SEMANTICS:]KEY[\[I\]...]=VALUE}: checked after the step when the run's
 * semantics name matches {@code onlyFor} (null: always). Immutable.
 */
public record Expectation(String onlyFor, String key, int[] indices, String value, int column) {
    public Expectation {
        indices = indices.clone();
    }

    @Override
    public int[] indices() {
        return indices.clone();
    }

    public int index(int i) {
        return indices[i];
    }

    public int indexCount() {
        return indices.length;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (onlyFor != null) {
            sb.append(onlyFor).append(':');
        }
        sb.append(key);
        for (int i : indices) {
            sb.append('[').append(i).append(']');
        }
        return sb.append('=').append(value).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Expectation e && e.toString().equals(toString()) && e.column == column;
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
