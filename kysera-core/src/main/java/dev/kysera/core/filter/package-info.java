/**
 * Dynamic filters, sorting and list requests for repositories and DAL queries alike: typed {@link dev.kysera.core.filter.Filter}
 * conditions, an operator-map and query-parameter parser
 * ({@link dev.kysera.core.filter.FilterParser}) and a sort parser
 * ({@link dev.kysera.core.filter.Sorting}) that only ever reach SQL through a
 * {@link dev.kysera.core.filter.FilterColumns} whitelist of typed jOOQ fields. Bad input is a
 * {@link dev.kysera.core.error.BadRequestException}.
 */
package dev.kysera.core.filter;
