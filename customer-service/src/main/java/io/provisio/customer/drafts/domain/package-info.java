/** A draft and the rules of its versions: plain Java. */
package io.provisio.customer.drafts.domain;
