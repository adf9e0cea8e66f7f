/** The staff API (ADR 029): a partner's staff, and an operator's invitation of a partner's first admin. */
package io.provisio.identity.staff.web;
