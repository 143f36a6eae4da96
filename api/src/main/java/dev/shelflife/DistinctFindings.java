package dev.shelflife;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The distinct findings of a report in the order they were added, with a hash table of their
 * positions for finding exact duplicates.
 *
 * <p>Findings are compared whole but hashed, at first, by the parts that tell them apart in
 * practice: hashing every part of every finding (ratings, vectors, titles, layers) cost a tenth of
 * the time of reading a large report. The table is open addressing over a {@code long[]} (a
 * finding's hash and its position in one slot), so adding a finding allocates nothing but the
 * list's growth, and growing the table re-reads the stored hashes, never the findings.
 *
 * <p>A report can be made so that those parts agree while the findings differ (one vulnerability
 * of one package, forty thousand times, each with another title), and then every addition would
 * compare the finding with all those before it: forty thousand entries, six megabytes, took a
 * minute to read. So when an addition meets more than {@value #MAX_SAME_HASH} stored findings of its
 * hash that are not equal to it, the table is built again over a hash of the whole finding: a
 * polynomial hash of every part it compares (record components, optional values, list elements,
 * walked as its equality walks them) modulo the prime
 * 2<sup>61</sup>&nbsp;&minus;&nbsp;1, at a base drawn at random when the class is loaded. Unlike
 * {@link String#hashCode()}, whose collisions anyone can write down, it cannot be made to collide
 * without knowing the base. Equal findings hash alike, so the answer never depends on which
 * hash is in use; only the time does, and it stays linear.
 */
final class DistinctFindings {

    /** How many stored findings of one hash, not equal to a new one, an addition tolerates before rehashing. */
    static final int MAX_SAME_HASH = 8;

    private static final long PRIME = (1L << 61) - 1;
    private static final long BASE = 256 + new SecureRandom().nextLong(PRIME - 512);

    private final List<Finding> findings = new ArrayList<>();

    /** The finding's hash in the high half, its position + 1 in the low half; 0 for a free slot. */
    private long[] slots = new long[64];

    /** The whole-finding hash of each stored finding, by position, once the table uses it; else {@code null}. */
    private long[] strong;

    private int shift = Integer.SIZE - 6;

    /**
     * Adds a finding unless an equal one is there.
     *
     * @param finding the finding
     * @return whether it was added, {@code false} for an exact duplicate of one already there
     */
    boolean add(Finding finding) {
        if (strong != null) {
            return addStrong(finding, strongHash(finding));
        }
        int hash = quickHash(finding);
        int mask = slots.length - 1;
        int sameHash = 0;
        for (int slot = home(hash); ; slot = (slot + 1) & mask) {
            long stored = slots[slot];
            if (stored == 0) {
                insert(slot, hash, finding);
                return true;
            }
            if ((int) (stored >>> Integer.SIZE) == hash) {
                if (findings.get((int) stored - 1).equals(finding)) {
                    return false;
                }
                if (++sameHash > MAX_SAME_HASH) {
                    rehashWhole();
                    return addStrong(finding, strongHash(finding));
                }
            }
        }
    }

    /** @return how many distinct findings were added */
    int size() {
        return findings.size();
    }

    /** @return the distinct findings, in the order they were added */
    List<Finding> inOrder() {
        return findings;
    }

    /** @return whether the table hashes whole findings now */
    boolean hashesWholeFindings() {
        return strong != null;
    }

    private boolean addStrong(Finding finding, long whole) {
        int hash = fold(whole);
        int mask = slots.length - 1;
        for (int slot = home(hash); ; slot = (slot + 1) & mask) {
            long stored = slots[slot];
            if (stored == 0) {
                insert(slot, hash, finding);
                if (strong.length < findings.size()) {
                    strong = Arrays.copyOf(strong, Math.max(16, strong.length * 2));
                }
                strong[findings.size() - 1] = whole;
                return true;
            }
            int position = (int) stored - 1;
            if (strong[position] == whole && findings.get(position).equals(finding)) {
                return false;
            }
        }
    }

    private void insert(int slot, int hash, Finding finding) {
        findings.add(finding);
        slots[slot] = ((long) hash << Integer.SIZE) | findings.size();
        if (findings.size() > slots.length / 2) {
            grow();
        }
    }

    /** Builds the table again over the whole-finding hash; the findings keep their order. */
    private void rehashWhole() {
        strong = new long[Math.max(16, findings.size() * 2)];
        Arrays.fill(slots, 0);
        int mask = slots.length - 1;
        for (int position = 0; position < findings.size(); position++) {
            long whole = strongHash(findings.get(position));
            strong[position] = whole;
            int hash = fold(whole);
            int slot = home(hash);
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = ((long) hash << Integer.SIZE) | (position + 1);
        }
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        shift--;
        int mask = slots.length - 1;
        for (long stored : old) {
            if (stored != 0) {
                int slot = home((int) (stored >>> Integer.SIZE));
                while (slots[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = stored;
            }
        }
    }

    /** Fibonacci hashing: the top bits of the product, so that hashes differing only in low bits spread. */
    private int home(int hash) {
        return (hash * 0x9E3779B9) >>> shift;
    }

    private static int quickHash(Finding finding) {
        InstalledPackage pkg = finding.pkg();
        int hash = finding.vulnerability().id().hashCode();
        hash = 31 * hash + pkg.name().hashCode();
        hash = 31 * hash + pkg.version().hashCode();
        hash = 31 * hash + pkg.path().hashCode();
        return 31 * hash + finding.target().hashCode();
    }

    /**
     * The hash of the whole finding modulo 2^61 - 1, at the random base: of every part, walked as
     * the finding's equality walks it (record components, optional values, list elements), so that
     * equal findings hash alike.
     */
    static long strongHash(Finding finding) {
        Hasher hasher = new Hasher();
        hasher.add(finding);
        return hasher.hash;
    }

    /** A polynomial hash over the tokens of a walk of a value: characters, and marks for its shape. */
    private static final class Hasher {
        private static final long NULL = 0x10000;
        private static final long END = 0x10001;
        private static final long RECORD = 0x10002;
        private static final long PRESENT = 0x10003;
        private static final long ABSENT = 0x10004;
        private static final long LIST = 0x10005;
        private static final long MAP = 0x10006;

        /** A record type's accessors, or {@code null} for one this module may not read (its text is hashed then). */
        private static final ClassValue<Method @Nullable []> ACCESSORS = new ClassValue<>() {
            @Override
            protected Method @Nullable [] computeValue(Class<?> type) {
                RecordComponent[] components = type.getRecordComponents();
                Method[] accessors = new Method[components.length];
                for (int i = 0; i < components.length; i++) {
                    accessors[i] = components[i].getAccessor();
                    if (!accessors[i].trySetAccessible()) {
                        return null;
                    }
                }
                return accessors;
            }
        };

        private long hash;

        private void token(long token) {
            hash = addMod(multiplyMod(hash, BASE), token + 1);
        }

        private void text(String text) {
            for (int i = 0; i < text.length(); i++) {
                token(text.charAt(i));
            }
            token(END);
        }

        void add(@Nullable Object value) {
            if (value == null) {
                token(NULL);
            } else if (value instanceof String text) {
                text(text);
            } else if (value instanceof Optional<?> optional) {
                if (optional.isPresent()) {
                    token(PRESENT);
                    add(optional.get());
                } else {
                    token(ABSENT);
                }
            } else if (value instanceof Collection<?> elements) {
                token(LIST);
                elements.forEach(this::add);
                token(END);
            } else if (value instanceof Map<?, ?> entries) {
                token(MAP);
                entries.forEach((key, entry) -> {
                    add(key);
                    add(entry);
                });
                token(END);
            } else if (!(value instanceof Record record && addedAsRecord(record))) {
                // Enums, numbers, instants, package URLs: what they show is what their equality compares.
                // (A record of another module, which a finding does not hold, falls back to its text too.)
                text(value.toString());
            }
        }

        /** Adds a record's components, in order; {@code false}, adding nothing, for a record this module may not read. */
        private boolean addedAsRecord(Record record) {
            Method[] accessors = ACCESSORS.get(record.getClass());
            if (accessors == null) {
                return false;
            }
            token(RECORD);
            text(record.getClass().getName());
            for (Method accessor : accessors) {
                add(component(accessor, record));
            }
            token(END);
            return true;
        }

        private static @Nullable Object component(Method accessor, Object value) {
            try {
                return accessor.invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + accessor + " of a finding", e);
            }
        }
    }

    private static int fold(long hash) {
        return (int) (hash ^ (hash >>> Integer.SIZE));
    }

    /** {@code a * b mod 2^61 - 1}, for {@code a, b < 2^61 - 1}. */
    private static long multiplyMod(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        // The 122-bit product is high * 2^64 + low (low unsigned); 2^61 = 1 modulo the prime.
        long folded = (low & PRIME) + ((low >>> 61) | (high << 3));
        return reduce(folded);
    }

    private static long addMod(long a, long b) {
        return reduce(a + b);
    }

    private static long reduce(long value) {
        long folded = (value & PRIME) + (value >>> 61);
        return folded >= PRIME ? folded - PRIME : folded;
    }
}
