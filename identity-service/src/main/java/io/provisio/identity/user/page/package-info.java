/** The activation page ({@code GET/POST /activate}): server-rendered HTML in the customer's language, for browsers. */
package io.provisio.identity.user.page;
