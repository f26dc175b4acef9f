package org.icewarp.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bucket index always leaves the last start at or below a key inside, or just before, the range it returns. */
class BucketIndexTest {

    @ParameterizedTest(name = "{0} keys sharing {1} leading bits")
    @CsvSource({"0, 0", "31, 0", "32, 0", "1000, 0", "1000, 8", "1000, 32", "1000, 56", "1000, 57", "5000, 20"})
    void rangeHoldsTheLastStartAtOrBelowTheKey(int count, int sharedBits) {
        Random random = new Random(count * 100L + sharedBits);
        long prefix = sharedBits == 0 ? 0 : random.nextLong() & (-1L << (64 - sharedBits));
        long suffixMask = sharedBits == 0 ? -1L : ~(-1L << (64 - sharedBits));
        long[] keys = new long[count];
        for (int i = 0; i < count; i++) {
            // crowd some keys together so that buckets differ in size
            long suffix = random.nextBoolean() ? random.nextLong() : random.nextInt(1000);
            keys[i] = prefix | (suffix & suffixMask);
        }
        keys = Arrays.stream(keys)
                .boxed()
                .sorted(Long::compareUnsigned)
                .mapToLong(Long::longValue)
                .toArray();
        BucketIndex index = new BucketIndex(keys);

        for (int i = 0; i < 20_000; i++) {
            long key = switch (random.nextInt(4)) {
                case 0 -> random.nextLong(); // mostly outside the shared block
                case 1 -> count == 0 ? 0 : keys[random.nextInt(count)] + random.nextInt(3) - 1;
                case 2 -> prefix | (random.nextLong() & suffixMask);
                default -> prefix + (random.nextBoolean() ? -1 : suffixMask + 1); // just outside the block
            };
            long range = index.range(key);
            int from = (int) (range >>> 32);
            int to = (int) range;

            assertThat(from).isBetween(0, to);
            assertThat(to).isLessThanOrEqualTo(count);
            int expected = lastAtOrBelow(keys, key);
            int candidate = from - 1;
            for (int j = from; j < to; j++) {
                if (Long.compareUnsigned(keys[j], key) <= 0) {
                    candidate = j;
                }
            }
            assertThat(candidate).as("key %x", key).isEqualTo(expected);
        }
    }

    private static int lastAtOrBelow(long[] keys, long key) {
        int last = -1;
        for (int i = 0; i < keys.length; i++) {
            if (Long.compareUnsigned(keys[i], key) <= 0) {
                last = i;
            }
        }
        return last;
    }
}
