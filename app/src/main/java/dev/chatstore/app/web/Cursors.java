package dev.chatstore.app.web;

import dev.chatstore.app.config.ChatstoreProperties;
import dev.chatstore.storage.AuditId;
import dev.chatstore.storage.ChannelId;
import dev.chatstore.storage.UserId;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one codec of every paging cursor: {@code base64url(version, kind, [scope], key,
 * HMAC-SHA256(version, kind, [scope], key)[0..16])}, where a {@link Layout} says per use how its
 * key is written and whether the cursor is bound to a scope (the channel of a history position, the
 * message of a receipt list, the query of a search). The key comes from {@code
 * chatstore.cursor-secret}; without it a random key is drawn at start-up, so cursors are then valid
 * only until a restart. Decoding checks length, version, signature, kind and scope before anything
 * else, so a malformed or forged cursor is a 400 ({@code invalid_cursor}) before any query runs.
 * Thread-safe.
 */
@Component
public class Cursors {

  private static final Logger log = LoggerFactory.getLogger(Cursors.class);
  private static final byte VERSION = 1;
  private static final int MAC_BYTES = 16;
  private static final int MAX_TEXT = 512;
  private static final int UUID_BYTES = 16;

  /** What a cursor points into; a cursor of one kind is rejected where another is expected. */
  public enum Kind {
    /** A position in a channel's history. */
    MESSAGE,
    /** A channel id (the caller's channels). */
    CHANNEL,
    /** A channel name (public channels). */
    CHANNEL_NAME,
    /** A user id (members). */
    USER,
    /** A search hit's keyset fields and score, bound to the query. */
    SEARCH,
    /** An audit entry id. */
    AUDIT,
    /** An edit version of a message. */
    EDIT,
    /** A reply's {@code seq} in a thread. */
    REPLY,
    /** A user id among a message's read receipts. */
    RECEIPT
  }

  /**
   * How one kind of cursor lays out its key.
   *
   * @param kind the kind, written into the cursor
   * @param scope what the cursor is bound to (such as {@code channel}), or null when unbound
   * @param length the key's length in bytes, or -1 for a variable-length key
   * @param writer writes a key
   * @param reader reads a key; may throw {@link IllegalArgumentException} for an invalid one
   * @param <K> the key type
   */
  public record Layout<K>(
      Kind kind,
      @Nullable String scope,
      int length,
      BiConsumer<ByteBuffer, K> writer,
      Function<ByteBuffer, K> reader) {

    /**
     * A layout whose key is an id.
     *
     * @param kind the kind
     * @param scope the scope or null
     * @param of builds the key from the id
     * @param value the id of a key
     * @param <K> the key type
     * @return the layout
     */
    public static <K> Layout<K> id(
        Kind kind, @Nullable String scope, Function<UUID, K> of, Function<K, UUID> value) {
      return new Layout<>(
          kind, scope, UUID_BYTES, (b, k) -> putUuid(b, value.apply(k)), b -> of.apply(uuid(b)));
    }

    /**
     * A layout whose key is a position, 0 or more, in a scope.
     *
     * @param kind the kind
     * @param scope the scope
     * @return the layout
     */
    public static Layout<Long> position(Kind kind, String scope) {
      return new Layout<>(kind, scope, Long.BYTES, ByteBuffer::putLong, Layout::position);
    }

    private static Long position(ByteBuffer b) {
      long position = b.getLong();
      if (position < 0) {
        throw new IllegalArgumentException("negative position");
      }
      return position;
    }
  }

  /** A position in a channel's history, bound to the channel. */
  public static final Layout<Long> MESSAGE = Layout.position(Kind.MESSAGE, "channel");

  /** A reply's position, bound to the thread's root. */
  public static final Layout<Long> REPLY = Layout.position(Kind.REPLY, "thread");

  /** An edit version, bound to the message. */
  public static final Layout<Long> EDIT = Layout.position(Kind.EDIT, "message");

  /** A reader among a message's read receipts, bound to the message. */
  public static final Layout<UserId> RECEIPT =
      Layout.id(Kind.RECEIPT, "message", UserId::of, UserId::value);

  /** A channel id. */
  public static final Layout<ChannelId> CHANNEL =
      Layout.id(Kind.CHANNEL, null, ChannelId::of, ChannelId::value);

  /** A user id. */
  public static final Layout<UserId> USER = Layout.id(Kind.USER, null, UserId::of, UserId::value);

  /** An audit entry id. */
  public static final Layout<AuditId> AUDIT =
      Layout.id(Kind.AUDIT, null, AuditId::of, AuditId::value);

  /** A channel name. */
  public static final Layout<String> CHANNEL_NAME =
      new Layout<>(
          Kind.CHANNEL_NAME,
          null,
          -1,
          (b, name) -> b.put(name.getBytes(StandardCharsets.UTF_8)),
          b -> StandardCharsets.UTF_8.decode(b).toString());

  private final ThreadLocal<Mac> macs;

  /**
   * Creates the codec.
   *
   * @param properties the settings with the optional secret
   */
  public Cursors(ChatstoreProperties properties) {
    byte[] secret;
    String configured = properties.cursorSecret();
    if (configured == null || configured.isBlank()) {
      secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      log.info("chatstore.cursor-secret is not set: cursors are signed with a random key");
    } else {
      secret = configured.getBytes(StandardCharsets.UTF_8);
    }
    SecretKeySpec key = new SecretKeySpec(secret, "HmacSHA256");
    this.macs =
        ThreadLocal.withInitial(
            () -> {
              try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is unavailable", e);
              }
            });
  }

  /**
   * Encodes a key bound to a scope.
   *
   * @param layout the layout
   * @param scope the scope (null for unbound layouts)
   * @param key the key
   * @param <K> the key type
   * @return the cursor text
   */
  public <K> String encode(Layout<K> layout, @Nullable UUID scope, K key) {
    ByteBuffer payload = ByteBuffer.allocate(layout.length() < 0 ? MAX_TEXT : scoped(layout));
    if (layout.scope() != null) {
      putUuid(payload, java.util.Objects.requireNonNull(scope, "scope"));
    }
    layout.writer().accept(payload, key);
    int length = payload.position();
    byte[] out = new byte[2 + length + MAC_BYTES];
    out[0] = VERSION;
    out[1] = (byte) layout.kind().ordinal();
    System.arraycopy(payload.array(), 0, out, 2, length);
    System.arraycopy(mac(out, 2 + length), 0, out, 2 + length, MAC_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
  }

  /**
   * Decodes a key, which must be bound to the scope the request addresses.
   *
   * @param layout the layout
   * @param scope the scope the request addresses (null for unbound layouts)
   * @param text the cursor text
   * @param name the parameter name, for the error
   * @param <K> the key type
   * @return the key
   * @throws ApiException 400 when malformed, forged, of another kind or of another scope
   */
  public <K> K decode(Layout<K> layout, @Nullable UUID scope, String text, String name) {
    ByteBuffer payload = ByteBuffer.wrap(verify(layout, text, name));
    if (layout.scope() != null && !uuid(payload).equals(scope)) {
      throw ApiException.invalidCursor(name + " belongs to another " + layout.scope());
    }
    try {
      return layout.reader().apply(payload);
    } catch (IllegalArgumentException | BufferUnderflowException e) {
      throw invalid(name);
    }
  }

  /**
   * Reads the paging parameters of a list: its {@code limit} and its cursor parameter.
   *
   * @param layout the cursor layout of the list
   * @param scope what the list belongs to (null for unbound layouts)
   * @param cursor the cursor parameter, or null for the first page
   * @param name the cursor parameter's name
   * @param limit the {@code limit} parameter or null
   * @param <K> the key type
   * @return the request
   * @throws ApiException 400 for a bad limit or cursor
   */
  public <K> Page.Request<K> request(
      Layout<K> layout,
      @Nullable UUID scope,
      @Nullable String cursor,
      String name,
      @Nullable String limit) {
    int size = Params.limit(limit);
    K after = cursor == null ? null : decode(layout, scope, cursor, name);
    return new Page.Request<>(this, layout, scope, after, size);
  }

  private byte[] verify(Layout<?> layout, String text, String name) {
    if (text.isEmpty() || text.length() > MAX_TEXT) {
      throw invalid(name);
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw invalid(name);
    }
    int length = raw.length - 2 - MAC_BYTES;
    if (length < 0 || (layout.length() >= 0 && length != scoped(layout))) {
      throw invalid(name);
    }
    if (raw[0] != VERSION) {
      throw ApiException.invalidCursor(name + " has an unknown version");
    }
    byte[] expected = Arrays.copyOf(mac(raw, 2 + length), MAC_BYTES);
    byte[] actual = Arrays.copyOfRange(raw, 2 + length, raw.length);
    if (!MessageDigest.isEqual(expected, actual)) {
      throw ApiException.invalidCursor(name + " is not a valid cursor (bad signature)");
    }
    if (raw[1] != (byte) layout.kind().ordinal()) {
      throw ApiException.invalidCursor(name + " is a cursor of another kind");
    }
    return Arrays.copyOfRange(raw, 2, 2 + length);
  }

  private static int scoped(Layout<?> layout) {
    return (layout.scope() == null ? 0 : UUID_BYTES) + layout.length();
  }

  private static ApiException invalid(String name) {
    return ApiException.invalidCursor(name + " is not a valid cursor");
  }

  private byte[] mac(byte[] data, int length) {
    Mac mac = macs.get();
    mac.update(data, 0, length);
    return mac.doFinal();
  }

  /** Writes an id: 16 bytes, most significant first. */
  public static void putUuid(ByteBuffer b, UUID id) {
    b.putLong(id.getMostSignificantBits());
    b.putLong(id.getLeastSignificantBits());
  }

  /** Reads an id written by {@link #putUuid}. */
  public static UUID uuid(ByteBuffer b) {
    return new UUID(b.getLong(), b.getLong());
  }
}
