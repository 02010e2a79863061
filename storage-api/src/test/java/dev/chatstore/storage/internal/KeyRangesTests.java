package dev.chatstore.storage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyRangesTests {

  private static final String MAX = new String(Character.toChars(Character.MAX_CODE_POINT));

  private static String end(String prefix) {
    return KeyRanges.prefixRange(prefix).end();
  }

  @Test
  void theLastCharacterIsIncremented() {
    assertThat(end("a")).isEqualTo("b");
    assertThat(end("ab")).isEqualTo("ac");
    assertThat(end("a~")).as("past printable ASCII").isEqualTo("a\u007f");
    assertThat(KeyRanges.prefixRange("ab").prefix()).isEqualTo("ab");
  }

  @Test
  void theEmptyPrefixAndMaximalPrefixesHaveNoUpperBound() {
    assertThat(end("")).isNull();
    assertThat(end(MAX)).isNull();
    assertThat(end(MAX + MAX)).isNull();
  }

  @Test
  void trailingMaximalCodePointsAreDroppedBeforeIncrementing() {
    assertThat(end("a" + MAX)).isEqualTo("b");
    assertThat(end("ab" + MAX + MAX)).isEqualTo("ac");
  }

  @Test
  void incrementsCrossTheSurrogateBlockAndTheBasicPlane() {
    assertThat(end("a\uFFFF")).as("U+FFFF -> U+10000").isEqualTo("a\uD800\uDC00");
    assertThat(end("a\uD7FF")).as("U+D7FF -> U+E000, skipping surrogates").isEqualTo("a\uE000");
    assertThat(end("\uD83D\uDE00")).as("U+1F600 -> U+1F601").isEqualTo("\uD83D\uDE01");
    assertThat(end("x\uDBFF\uDFFE")).as("U+10FFFE -> U+10FFFF").isEqualTo("x" + MAX);
  }

  @Test
  void anUnpairedSurrogateIsRejected() {
    assertThatThrownBy(() -> KeyRanges.prefixRange("a\uD800"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("surrogate");
    assertThatThrownBy(() -> KeyRanges.prefixRange("\uDC00a"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyRanges.prefixRange(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void compareIsTheByteOrderOfUtf8() {
    List<String> samples = strings(new Random(7), 400);
    List<String> wrong = new ArrayList<>();
    for (String a : samples) {
      for (String b : samples.subList(0, 40)) {
        int bytes =
            Arrays.compareUnsigned(
                a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
        if (Integer.signum(KeyRanges.compare(a, b)) != Integer.signum(bytes)) {
          wrong.add(codes(a) + " vs " + codes(b));
        }
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(KeyRanges.compare("\uE000", "\uD800\uDC00"))
        .as("unlike String.compareTo")
        .isNegative();
  }

  @Test
  void aRangeHoldsExactlyTheKeysThatStartWithItsPrefixAndItsEndIsTheLeastAboveThem() {
    Random random = new Random(42);
    List<String> keys = strings(random, 1500);
    for (String prefix : strings(random, 200)) {
      KeyRanges.Range range = KeyRanges.prefixRange(prefix);
      List<String> wrong = new ArrayList<>();
      for (String key : keys) {
        if (range.contains(key) != key.startsWith(prefix)) {
          wrong.add(codes(key));
        }
      }
      assertThat(wrong).as("prefix %s", codes(prefix)).isEmpty();
      String end = range.end();
      if (end != null) {
        assertThat(end.startsWith(prefix)).isFalse();
        assertThat(KeyRanges.compare(prefix, end)).isNegative();
        assertThat(KeyRanges.compare(prefix + MAX + MAX, end)).isNegative();
      }
    }
  }

  /** Random strings of 0 to 4 code points, from an alphabet of edge cases. */
  private static List<String> strings(Random random, int count) {
    int[] alphabet = {
      'a',
      'b',
      '~',
      0x7F,
      0xD7FF,
      0xE000,
      0xFFFF,
      0x10000,
      0x1F600,
      0x10FFFE,
      Character.MAX_CODE_POINT
    };
    List<String> result = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(5);
      for (int j = 0; j < length; j++) {
        b.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
      }
      result.add(b.toString());
    }
    return result;
  }

  private static String codes(String s) {
    StringBuilder b = new StringBuilder("[");
    s.codePoints().forEach(c -> b.append(String.format(" U+%04X", c)));
    return b.append(" ]").toString();
  }
}
