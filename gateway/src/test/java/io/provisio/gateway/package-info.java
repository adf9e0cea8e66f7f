/** The gateway started whole against stub backends and a test signing key. */
package io.provisio.gateway;
