/** The ASSIGN_PLANS step's rules: which plan lists are acceptable, and what one saga allocated. */
package io.provisio.subscription.assignment.domain;
