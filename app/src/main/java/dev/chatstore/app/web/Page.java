package dev.chatstore.app.web;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list.
 *
 * @param items the items
 * @param next the cursor of the next page (pass it in the same parameter as this page's), or null
 *     when this is the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, @Nullable String next) {}
