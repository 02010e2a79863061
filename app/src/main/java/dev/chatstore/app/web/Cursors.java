package dev.chatstore.app.web;

import dev.chatstore.app.config.ChatstoreProperties;
import dev.chatstore.storage.ChannelId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Opaque, versioned, tamper-evident paging cursors: {@code base64url(version, kind, payload,
 * HMAC-SHA256(version, kind, payload)[0..16])}. The key comes from {@code chatstore.cursor-secret};
 * without it a random key is drawn at start-up, so cursors are then valid only until a restart.
 * Decoding checks length, version, kind and signature before anything else, so a malformed or
 * forged cursor is a 400 before any query runs. Thread-safe.
 */
@Component
public class Cursors {

  private static final Logger log = LoggerFactory.getLogger(Cursors.class);
  private static final byte VERSION = 1;
  private static final int MAC_BYTES = 16;
  private static final int MAX_TEXT = 512;

  /** What a cursor points into; a cursor of one kind is rejected where another is expected. */
  public enum Kind {
    /** A position in a channel's history: channel id and {@code seq}. */
    MESSAGE,
    /** A channel id (the caller's channels). */
    CHANNEL,
    /** A channel name (public channels). */
    CHANNEL_NAME,
    /** A user id (members). */
    USER,
    /** A search hit: the query's fingerprint, the hit's keyset fields and score. */
    SEARCH,
    /** An audit entry id. */
    AUDIT,
    /** A message id and an edit version (edit history). */
    EDIT,
    /** A thread root's id and a reply's {@code seq}. */
    REPLY,
    /** A message id and a user id (read receipts). */
    RECEIPT
  }

  private final SecretKeySpec key;
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
    this.key = new SecretKeySpec(secret, "HmacSHA256");
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
   * A cursor for a position in a channel's history.
   *
   * @param channel the channel
   * @param seq the position
   * @return the cursor text
   */
  public String message(ChannelId channel, long seq) {
    ByteBuffer payload = ByteBuffer.allocate(24);
    payload.putLong(channel.value().getMostSignificantBits());
    payload.putLong(channel.value().getLeastSignificantBits());
    payload.putLong(seq);
    return encode(Kind.MESSAGE, payload.array());
  }

  /**
   * Reads a history cursor, which must belong to the channel.
   *
   * @param channel the channel the request addresses
   * @param text the cursor text
   * @param name the parameter name, for the error
   * @return the position
   * @throws ApiException 400 when malformed, forged or of another channel
   */
  public long message(ChannelId channel, String text, String name) {
    ByteBuffer payload = ByteBuffer.wrap(decode(Kind.MESSAGE, text, name, 24));
    UUID id = new UUID(payload.getLong(), payload.getLong());
    long seq = payload.getLong();
    if (!id.equals(channel.value()) || seq < 0) {
      throw ApiException.invalidCursor(name + " belongs to another channel");
    }
    return seq;
  }

  /**
   * A cursor holding an id.
   *
   * @param kind what the id names
   * @param id the id
   * @return the cursor text
   */
  public String id(Kind kind, UUID id) {
    ByteBuffer payload = ByteBuffer.allocate(16);
    payload.putLong(id.getMostSignificantBits());
    payload.putLong(id.getLeastSignificantBits());
    return encode(kind, payload.array());
  }

  /**
   * Reads a cursor holding an id.
   *
   * @param kind what the id must name
   * @param text the cursor text
   * @param name the parameter name, for the error
   * @return the id
   */
  public UUID id(Kind kind, String text, String name) {
    ByteBuffer payload = ByteBuffer.wrap(decode(kind, text, name, 16));
    return new UUID(payload.getLong(), payload.getLong());
  }

  /**
   * A cursor holding a name.
   *
   * @param kind what the name names
   * @param value the name
   * @return the cursor text
   */
  public String name(Kind kind, String value) {
    return encode(kind, value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a cursor holding a name.
   *
   * @param kind what the name must name
   * @param text the cursor text
   * @param name the parameter name, for the error
   * @return the name
   */
  public String name(Kind kind, String text, String name) {
    return new String(decode(kind, text, name, -1), StandardCharsets.UTF_8);
  }

  /**
   * A cursor for a position under an id, such as a reply in a thread.
   *
   * @param kind what the position is in
   * @param scope the id the position belongs to
   * @param position the position
   * @return the cursor text
   */
  public String scoped(Kind kind, UUID scope, long position) {
    ByteBuffer payload = ByteBuffer.allocate(24);
    payload.putLong(scope.getMostSignificantBits());
    payload.putLong(scope.getLeastSignificantBits());
    payload.putLong(position);
    return encode(kind, payload.array());
  }

  /**
   * Reads a cursor for a position under an id, which must be the one the request addresses.
   *
   * @param kind what the position must be in
   * @param scope the id the request addresses
   * @param text the cursor text
   * @param name the parameter name, for the error
   * @return the position
   * @throws ApiException 400 when malformed, forged, of another kind or of another id
   */
  public long scoped(Kind kind, UUID scope, String text, String name) {
    ByteBuffer payload = ByteBuffer.wrap(decode(kind, text, name, 24));
    UUID id = new UUID(payload.getLong(), payload.getLong());
    long position = payload.getLong();
    if (!id.equals(scope) || position < 0) {
      throw ApiException.invalidCursor(name + " belongs to another list");
    }
    return position;
  }

  /**
   * A cursor holding raw bytes, for kinds whose payload is built by their endpoint.
   *
   * @param kind what the payload names
   * @param payload the payload
   * @return the cursor text
   */
  public String bytes(Kind kind, byte[] payload) {
    return encode(kind, payload);
  }

  /**
   * Reads a cursor holding raw bytes.
   *
   * @param kind what the payload must name
   * @param text the cursor text
   * @param name the parameter name, for the error
   * @param length the payload length
   * @return the payload
   * @throws ApiException 400 when malformed, forged, of another kind or of another length
   */
  public byte[] bytes(Kind kind, String text, String name, int length) {
    return decode(kind, text, name, length);
  }

  private String encode(Kind kind, byte[] payload) {
    byte[] out = new byte[2 + payload.length + MAC_BYTES];
    out[0] = VERSION;
    out[1] = (byte) kind.ordinal();
    System.arraycopy(payload, 0, out, 2, payload.length);
    byte[] mac = mac(out, 2 + payload.length);
    System.arraycopy(mac, 0, out, 2 + payload.length, MAC_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
  }

  private byte[] decode(Kind kind, String text, String name, int payloadLength) {
    if (text.isEmpty() || text.length() > MAX_TEXT) {
      throw ApiException.invalidCursor(name + " is not a valid cursor");
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidCursor(name + " is not a valid cursor");
    }
    int length = raw.length - 2 - MAC_BYTES;
    if (length < 0 || (payloadLength >= 0 && length != payloadLength)) {
      throw ApiException.invalidCursor(name + " is not a valid cursor");
    }
    if (raw[0] != VERSION) {
      throw ApiException.invalidCursor(name + " has an unknown version");
    }
    byte[] expected = Arrays.copyOf(mac(raw, 2 + length), MAC_BYTES);
    byte[] actual = Arrays.copyOfRange(raw, 2 + length, raw.length);
    if (!MessageDigest.isEqual(expected, actual)) {
      throw ApiException.invalidCursor(name + " is not a valid cursor (bad signature)");
    }
    if (raw[1] != (byte) kind.ordinal()) {
      throw ApiException.invalidCursor(name + " is a cursor of another kind");
    }
    return Arrays.copyOfRange(raw, 2, 2 + length);
  }

  private byte[] mac(byte[] data, int length) {
    Mac mac = macs.get();
    mac.update(data, 0, length);
    return mac.doFinal();
  }
}
