package dev.chatstore.app.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.util.MimeType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON request decoder, with the body checked to be well-formed UTF-8 first. Jackson's own
 * UTF-8 reader accepts some ill-formed sequences (the overlong {@code C0 AF} becomes {@code /}),
 * which would store text the client never sent; such a body is a 400 {@code malformed_json}
 * instead.
 */
public class StrictUtf8JsonDecoder extends JacksonJsonDecoder {

  /**
   * Creates the decoder.
   *
   * @param mapper the application's JSON mapper
   */
  public StrictUtf8JsonDecoder(JsonMapper mapper) {
    super(mapper);
  }

  @Override
  public Object decode(
      DataBuffer dataBuffer,
      ResolvableType targetType,
      @Nullable MimeType mimeType,
      @Nullable Map<String, Object> hints)
      throws DecodingException {
    if (mimeType == null
        || mimeType.getCharset() == null
        || StandardCharsets.UTF_8.equals(mimeType.getCharset())) {
      int length = dataBuffer.readableByteCount();
      ByteBuffer bytes = ByteBuffer.allocate(length);
      dataBuffer.toByteBuffer(dataBuffer.readPosition(), bytes, 0, length);
      try {
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(bytes);
      } catch (CharacterCodingException e) {
        DataBufferUtils.release(dataBuffer);
        throw new DecodingException("the body is not well-formed UTF-8", e);
      }
    }
    return super.decode(dataBuffer, targetType, mimeType, hints);
  }
}
