// The JSON reader with line and column in its errors lives in @alloy-toolkit/config.
export { JsonSyntaxError, parseJson } from '@alloy-toolkit/config';
