package org.hfmailbox.cli.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The minimum and median of a series of measurements. */
public record RateStats(double min, double median) {

    public static RateStats of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no measurements");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new RateStats(sorted.get(0), median);
    }
}
