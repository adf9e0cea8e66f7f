/** A partner's staff member and the roles one can hold; plain Java. */
package io.provisio.identity.staff.domain;
