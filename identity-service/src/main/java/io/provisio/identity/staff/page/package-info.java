/** The staff invitation page (ADR 029): the activation page's templates and rules for a partner's staff. */
package io.provisio.identity.staff.page;
