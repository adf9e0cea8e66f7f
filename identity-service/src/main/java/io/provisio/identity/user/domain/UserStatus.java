package io.provisio.identity.user.domain;

/** INVITED users have no password yet and must activate their account by link; activation makes them ACTIVE. */
public enum UserStatus { INVITED, ACTIVE, DISABLED }
