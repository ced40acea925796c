package org.hfmailbox.review.manifest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The system shape of a configuration: physical CPUs and the vCPU count of every VM id (primary first). */
public record Shape(
        @JsonProperty(value = "cpus", required = true) int cpus,
        @JsonProperty(value = "vcpu_count", required = true) List<Integer> vcpuCount) {

    public Shape {
        vcpuCount = List.copyOf(vcpuCount);
    }

    /** The JSON form of docs/vocabulary.md, e.g. {@code {"cpus": 2, "vcpu_count": [2, 2, 1]}}. */
    public String display() {
        return "{\"cpus\": " + cpus + ", \"vcpu_count\": " + vcpuCount + "}";
    }
}
