/** The setup link as identity keeps it: the token's hash, its expiry, and whether setup is done. */
package io.provisio.identity.setup.domain;
