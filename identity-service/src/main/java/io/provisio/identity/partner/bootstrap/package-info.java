/** Creates the bootstrap file's partners and API clients at start-up, never overwriting what exists. */
package io.provisio.identity.partner.bootstrap;
