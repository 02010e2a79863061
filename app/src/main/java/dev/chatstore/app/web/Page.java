package dev.chatstore.app.web;

import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One page of a list, and the one paging rule of the API: a store is asked for {@code limit} rows;
 * a full page carries a {@code next} cursor made from its last row, a shorter one is the last page.
 *
 * @param items the items
 * @param next the cursor of the next page (pass it in the same parameter as this page's), or null
 *     when this is the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, @Nullable String next) {

  /**
   * The {@code next} cursor of what a store returned.
   *
   * @param rows what the store returned for {@code limit}
   * @param limit the page size asked for
   * @param cursor the cursor after a row
   * @param <S> the row type
   * @return the cursor after the last row of a full page, or null
   */
  public static <S> @Nullable String next(
      List<S> rows, int limit, Function<? super S, String> cursor) {
    return rows.size() < limit ? null : cursor.apply(rows.get(rows.size() - 1));
  }

  /**
   * The paging parameters of a list request, read by {@link Cursors#request}: where to start and
   * how many, and how to write the {@code next} cursor of the page.
   *
   * @param cursors the codec
   * @param layout the list's cursor layout
   * @param scope what the list belongs to, or null
   * @param after the key to continue after, or null for the first page
   * @param limit the page size
   * @param <K> the cursor key type
   */
  public record Request<K>(
      Cursors cursors,
      Cursors.Layout<K> layout,
      @Nullable UUID scope,
      @Nullable K after,
      int limit) {

    /**
     * The key to continue after, or a default for the first page.
     *
     * @param first the key of the first page
     * @return the key
     */
    public K afterOr(K first) {
      return after == null ? first : after;
    }

    /**
     * The {@code next} cursor of what the store returned.
     *
     * @param rows the rows
     * @param key the cursor key of a row
     * @param <S> the row type
     * @return the cursor, or null on the last page
     */
    public <S> @Nullable String next(List<S> rows, Function<? super S, K> key) {
      return Page.next(rows, limit, row -> cursors.encode(layout, scope, key.apply(row)));
    }

    /**
     * Reads the page once the caller may: the one paging idiom of the API.
     *
     * @param allowed the permission check, which signals the error when the caller may not
     * @param rows reads up to {@link #limit()} rows after {@link #after()}, given what {@code
     *     allowed} emitted
     * @param view the item shown for a row
     * @param key the cursor key of a row
     * @param <A> what the permission check emits
     * @param <S> the row type
     * @param <T> the item type
     * @return a {@code Mono} of the page
     */
    public <A, S, T> Mono<Page<T>> read(
        Mono<A> allowed,
        BiFunction<A, Request<K>, Flux<S>> rows,
        Function<? super S, T> view,
        Function<? super S, K> key) {
      return allowed
          .flatMap(a -> rows.apply(a, this).collectList())
          .map(list -> new Page<>(list.stream().<T>map(view).toList(), next(list, key)));
    }
  }
}
