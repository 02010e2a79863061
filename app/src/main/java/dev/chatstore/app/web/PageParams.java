package dev.chatstore.app.web;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The query parameters of a list paged by {@code after}, bound from the query string (a
 * non-annotated record argument; springdoc lists its components with {@code @ParameterObject}).
 *
 * @param after the {@code next} cursor of the previous page, or null for the first page
 * @param limit 1 to 500, default 50
 */
public record PageParams(@Nullable String after, @Nullable String limit) {

  /**
   * Reads these parameters as a page request of a layout.
   *
   * @param cursors the cursor codec
   * @param layout the cursor layout of the list
   * @param scope what the list belongs to (null for unbound layouts)
   * @param <K> the key type
   * @return the request
   * @throws ApiException 400 for a bad limit or cursor
   */
  public <K> Page.Request<K> request(
      Cursors cursors, Cursors.Layout<K> layout, @Nullable UUID scope) {
    return cursors.request(layout, scope, after, "after", limit);
  }
}
