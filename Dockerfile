# syntax=docker/dockerfile:1
# One image recipe for the four apps: docker build --build-arg MODULE=web-storefront .
# (MODULE = web-storefront | queue-edge | seller-console | order-worker)

FROM eclipse-temurin:21-jdk AS build
ARG MODULE
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY shared shared
COPY db db
COPY test-support test-support
COPY queue-edge queue-edge
COPY web-storefront web-storefront
COPY seller-console seller-console
COPY order-worker order-worker
COPY local-stack/pom.xml local-stack/pom.xml
# every module the parent lists must be there for Maven to read the build, also those the image does not build
COPY bench/pom.xml bench/pom.xml
RUN --mount=type=cache,target=/root/.m2 \
    test -n "$MODULE" && ./mvnw -B -q -pl "$MODULE" -am package -DskipTests \
    && cp "$MODULE/target/$MODULE.jar" /app.jar

FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 --home-dir /app astraphe
WORKDIR /app
COPY --from=build /app.jar /app/app.jar
USER astraphe
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/app.jar"]
