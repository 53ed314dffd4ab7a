/**
 * Dynamic filters and sorting for repositories: typed {@link dev.kysera.repository.filter.Filter}
 * conditions, an operator-map and query-parameter parser
 * ({@link dev.kysera.repository.filter.FilterParser}) and a sort parser
 * ({@link dev.kysera.repository.filter.Sorting}) that only ever reach SQL through a
 * {@link dev.kysera.repository.filter.FilterColumns} whitelist of typed jOOQ fields. Bad input is a
 * {@link dev.kysera.core.error.BadRequestException}.
 */
package dev.kysera.repository.filter;
