/** What every REST endpoint of the service shares: the security chain and paging. */
package io.provisio.subscription.api;
