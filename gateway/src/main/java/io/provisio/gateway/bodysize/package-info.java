/** The cap on request bodies: nothing larger is read into memory or passed on to a service. */
package io.provisio.gateway.bodysize;
