package org.hfmailbox.reference;

/** A page-aligned IPA range {@code [base, base + size)} that a VM owns (mapped in its stage 2). */
public record MemoryRange(long base, long size) {
    public MemoryRange {
        if ((base & 0xfff) != 0 || (size & 0xfff) != 0 || size <= 0 || base < 0 || base + size < base) {
            throw new IllegalArgumentException(String.format(
                    "memory range must be page-aligned, non-empty and below 2^63: base 0x%x size 0x%x", base, size));
        }
    }

    /** Unsigned containment of the page at {@code ipa}. */
    public boolean contains(long ipa) {
        return Long.compareUnsigned(ipa, base) >= 0 && Long.compareUnsigned(ipa - base, size) < 0;
    }

    public boolean overlaps(MemoryRange o) {
        return base < o.base + o.size && o.base < base + size;
    }
}
