package io.provisio.identity.user.domain;

public enum UserRole { USER, ADMINISTRATOR }
