/**
 * What a statement does, as the executor understood it before it ran: its kind, every table
 * occurrence with its role, every written column with what is known of its value. Plugins decide
 * against it; observers receive it with each execution.
 */
package dev.kysera.executor.plan;
