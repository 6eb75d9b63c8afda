package com.example;

import jakarta.enterprise.context.ApplicationScoped;

/** A part of the application that has nothing to do with a model. */
@ApplicationScoped
public class Greeter {

    public String greet(String name) {
        return "Hello, " + name + "!";
    }
}
