/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $String = $util.global.String, $Number = $util.global.Number, $parseInt = $util.global.parseInt, $BigInt = $util.global.BigInt, $isFinite = $util.global.isFinite, $Array = $util.global.Array, $Boolean = $util.global.Boolean;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const algotrader = $root.algotrader = (() => {

    /**
     * Namespace algotrader.
     * @exports algotrader
     * @namespace
     */
    const algotrader = {};

    algotrader.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof algotrader
         * @namespace
         */
        const v1 = {};

        v1.InstrumentRef = (function() {

            /**
             * Properties of an InstrumentRef.
             * @typedef {Object} algotrader.v1.InstrumentRef.$Properties
             * @property {string|null} [venue] InstrumentRef venue
             * @property {string|null} [symbol] InstrumentRef symbol
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an InstrumentRef.
             * @memberof algotrader.v1
             * @interface IInstrumentRef
             * @augments algotrader.v1.InstrumentRef.$Properties
             * @deprecated Use algotrader.v1.InstrumentRef.$Properties instead.
             */

            /**
             * Shape of an InstrumentRef.
             * @typedef {algotrader.v1.InstrumentRef.$Properties} algotrader.v1.InstrumentRef.$Shape
             */

            /**
             * Constructs a new InstrumentRef.
             * @memberof algotrader.v1
             * @classdesc Represents an InstrumentRef.
             * @constructor
             * @param {algotrader.v1.InstrumentRef.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const InstrumentRef = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * InstrumentRef venue.
             * @member {string} venue
             * @memberof algotrader.v1.InstrumentRef
             * @instance
             */
            InstrumentRef.prototype.venue = "";

            /**
             * InstrumentRef symbol.
             * @member {string} symbol
             * @memberof algotrader.v1.InstrumentRef
             * @instance
             */
            InstrumentRef.prototype.symbol = "";

            /**
             * Creates a new InstrumentRef instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.InstrumentRef
             * @static
             * @param {algotrader.v1.InstrumentRef.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.InstrumentRef} InstrumentRef instance
             * @type {{
             *   (properties: algotrader.v1.InstrumentRef.$Shape): algotrader.v1.InstrumentRef & algotrader.v1.InstrumentRef.$Shape;
             *   (properties?: algotrader.v1.InstrumentRef.$Properties): algotrader.v1.InstrumentRef;
             * }}
             */
            InstrumentRef.create = function(properties) {
                return new InstrumentRef(properties);
            };

            /**
             * Encodes the specified InstrumentRef message. Does not implicitly {@link algotrader.v1.InstrumentRef.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.InstrumentRef
             * @static
             * @param {algotrader.v1.InstrumentRef.$Properties} m InstrumentRef message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            InstrumentRef.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.venue != null && $Object.hasOwnProperty.call(m, "venue") && m.venue !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.venue);
                if (m.symbol != null && $Object.hasOwnProperty.call(m, "symbol") && m.symbol !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.symbol);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified InstrumentRef message, length delimited. Does not implicitly {@link algotrader.v1.InstrumentRef.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.InstrumentRef
             * @static
             * @param {algotrader.v1.InstrumentRef.$Properties} message InstrumentRef message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            InstrumentRef.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an InstrumentRef message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.InstrumentRef
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.InstrumentRef & algotrader.v1.InstrumentRef.$Shape} InstrumentRef
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            InstrumentRef.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.InstrumentRef();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.venue = v;
                            else
                                delete m.venue;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.symbol = v;
                            else
                                delete m.symbol;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an InstrumentRef message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.InstrumentRef
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.InstrumentRef & algotrader.v1.InstrumentRef.$Shape} InstrumentRef
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            InstrumentRef.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an InstrumentRef message.
             * @function verify
             * @memberof algotrader.v1.InstrumentRef
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            InstrumentRef.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.venue != null && $Object.hasOwnProperty.call(m, "venue")) {
                    if (!$util.isString(m.venue))
                        return "venue: string expected";
                }
                if (m.symbol != null && $Object.hasOwnProperty.call(m, "symbol")) {
                    if (!$util.isString(m.symbol))
                        return "symbol: string expected";
                }
                return null;
            };

            /**
             * Creates an InstrumentRef message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.InstrumentRef
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.InstrumentRef} InstrumentRef
             */
            InstrumentRef.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.InstrumentRef)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.InstrumentRef: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.InstrumentRef();
                if (d.venue != null) {
                    if (typeof d.venue !== "string" || d.venue.length) {
                        m.venue = $String(d.venue);
                    }
                }
                if (d.symbol != null) {
                    if (typeof d.symbol !== "string" || d.symbol.length) {
                        m.symbol = $String(d.symbol);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an InstrumentRef message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.InstrumentRef
             * @static
             * @param {algotrader.v1.InstrumentRef} m InstrumentRef
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            InstrumentRef.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.venue = "";
                    d.symbol = "";
                }
                if (m.venue != null && $Object.hasOwnProperty.call(m, "venue")) {
                    d.venue = m.venue;
                }
                if (m.symbol != null && $Object.hasOwnProperty.call(m, "symbol")) {
                    d.symbol = m.symbol;
                }
                return d;
            };

            /**
             * Converts this InstrumentRef to JSON.
             * @function toJSON
             * @memberof algotrader.v1.InstrumentRef
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            InstrumentRef.prototype.toJSON = function() {
                return InstrumentRef.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for InstrumentRef
             * @function getTypeUrl
             * @memberof algotrader.v1.InstrumentRef
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            InstrumentRef.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.InstrumentRef";
            };

            return InstrumentRef;
        })();

        /**
         * Side enum.
         * @name algotrader.v1.Side
         * @enum {number}
         * @property {number} SIDE_UNSPECIFIED=0 SIDE_UNSPECIFIED value
         * @property {number} SIDE_BUY=1 SIDE_BUY value
         * @property {number} SIDE_SELL=2 SIDE_SELL value
         */
        v1.Side = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "SIDE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "SIDE_BUY"] = 1;
            values[valuesById[2] = "SIDE_SELL"] = 2;
            return values;
        })();

        /**
         * OrderType enum.
         * @name algotrader.v1.OrderType
         * @enum {number}
         * @property {number} ORDER_TYPE_UNSPECIFIED=0 ORDER_TYPE_UNSPECIFIED value
         * @property {number} ORDER_TYPE_MARKET=1 ORDER_TYPE_MARKET value
         * @property {number} ORDER_TYPE_LIMIT=2 ORDER_TYPE_LIMIT value
         */
        v1.OrderType = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "ORDER_TYPE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "ORDER_TYPE_MARKET"] = 1;
            values[valuesById[2] = "ORDER_TYPE_LIMIT"] = 2;
            return values;
        })();

        v1.Bar = (function() {

            /**
             * Properties of a Bar.
             * @typedef {Object} algotrader.v1.Bar.$Properties
             * @property {algotrader.v1.InstrumentRef.$Properties|null} [instrument] Bar instrument
             * @property {string|null} [timeframe] Bar timeframe
             * @property {number|null} [openTimeMs] Bar openTimeMs
             * @property {number|null} [closeTimeMs] Bar closeTimeMs
             * @property {number|null} [open] Bar open
             * @property {number|null} [high] Bar high
             * @property {number|null} [low] Bar low
             * @property {number|null} [close] Bar close
             * @property {number|null} [volume] Bar volume
             * @property {string|null} [source] Bar source
             * @property {algotrader.v1.SwapMark.$Properties|null} [swap] Bar swap
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Bar.
             * @memberof algotrader.v1
             * @interface IBar
             * @augments algotrader.v1.Bar.$Properties
             * @deprecated Use algotrader.v1.Bar.$Properties instead.
             */

            /**
             * Shape of a Bar.
             * @typedef {algotrader.v1.Bar.$Properties} algotrader.v1.Bar.$Shape
             */

            /**
             * Constructs a new Bar.
             * @memberof algotrader.v1
             * @classdesc Represents a Bar.
             * @constructor
             * @param {algotrader.v1.Bar.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Bar = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Bar instrument.
             * @member {algotrader.v1.InstrumentRef.$Properties|null|undefined} instrument
             * @memberof algotrader.v1.Bar
             * @instance
             */
            Bar.prototype.instrument = null;

            /**
             * Bar timeframe.
             * @member {string} timeframe
             * @memberof algotrader.v1.Bar
             * @instance
             */
            Bar.prototype.timeframe = "";

            /**
             * Bar openTimeMs.
             * @member {number} openTimeMs
             * @memberof algotrader.v1.Bar
             * @instance
             */
            Bar.prototype.openTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Bar closeTimeMs.
             * @member {number} closeTimeMs
             * @memberof algotrader.v1.Bar
             * @instance
             */
            Bar.prototype.closeTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Bar open.
             * @member {number} open
             * @memberof algotrader.v1.Bar
             * @instance
             */
            Bar.prototype.open = 0;

            /**
             * Bar high.
             * @member {number} high
             * @memberof algotrader.v1.Bar
             * @instance
             */
            Bar.prototype.high = 0;

            /**
             * Bar low.
             * @member {number} low
             * @memberof algotrader.v1.Bar
             * @instance
             */
            Bar.prototype.low = 0;

            /**
             * Bar close.
             * @member {number} close
             * @memberof algotrader.v1.Bar
             * @instance
             */
            Bar.prototype.close = 0;

            /**
             * Bar volume.
             * @member {number} volume
             * @memberof algotrader.v1.Bar
             * @instance
             */
            Bar.prototype.volume = 0;

            /**
             * Bar source.
             * @member {string} source
             * @memberof algotrader.v1.Bar
             * @instance
             */
            Bar.prototype.source = "";

            /**
             * Bar swap.
             * @member {algotrader.v1.SwapMark.$Properties|null|undefined} swap
             * @memberof algotrader.v1.Bar
             * @instance
             */
            Bar.prototype.swap = null;

            /**
             * Creates a new Bar instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.Bar
             * @static
             * @param {algotrader.v1.Bar.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.Bar} Bar instance
             * @type {{
             *   (properties: algotrader.v1.Bar.$Shape): algotrader.v1.Bar & algotrader.v1.Bar.$Shape;
             *   (properties?: algotrader.v1.Bar.$Properties): algotrader.v1.Bar;
             * }}
             */
            Bar.create = function(properties) {
                return new Bar(properties);
            };

            /**
             * Encodes the specified Bar message. Does not implicitly {@link algotrader.v1.Bar.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.Bar
             * @static
             * @param {algotrader.v1.Bar.$Properties} m Bar message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Bar.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.instrument != null && $Object.hasOwnProperty.call(m, "instrument"))
                    $root.algotrader.v1.InstrumentRef.encode(m.instrument, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (m.timeframe != null && $Object.hasOwnProperty.call(m, "timeframe") && m.timeframe !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.timeframe);
                if (m.openTimeMs != null && $Object.hasOwnProperty.call(m, "openTimeMs") && (typeof m.openTimeMs === "object" ? m.openTimeMs.low || m.openTimeMs.high : m.openTimeMs !== 0))
                    w.uint32(/* id 3, wireType 0 =*/24).int64(m.openTimeMs);
                if (m.closeTimeMs != null && $Object.hasOwnProperty.call(m, "closeTimeMs") && (typeof m.closeTimeMs === "object" ? m.closeTimeMs.low || m.closeTimeMs.high : m.closeTimeMs !== 0))
                    w.uint32(/* id 4, wireType 0 =*/32).int64(m.closeTimeMs);
                if (m.open != null && $Object.hasOwnProperty.call(m, "open") && !$Object.is(m.open, 0))
                    w.uint32(/* id 5, wireType 1 =*/41).double(m.open);
                if (m.high != null && $Object.hasOwnProperty.call(m, "high") && !$Object.is(m.high, 0))
                    w.uint32(/* id 6, wireType 1 =*/49).double(m.high);
                if (m.low != null && $Object.hasOwnProperty.call(m, "low") && !$Object.is(m.low, 0))
                    w.uint32(/* id 7, wireType 1 =*/57).double(m.low);
                if (m.close != null && $Object.hasOwnProperty.call(m, "close") && !$Object.is(m.close, 0))
                    w.uint32(/* id 8, wireType 1 =*/65).double(m.close);
                if (m.volume != null && $Object.hasOwnProperty.call(m, "volume") && !$Object.is(m.volume, 0))
                    w.uint32(/* id 9, wireType 1 =*/73).double(m.volume);
                if (m.source != null && $Object.hasOwnProperty.call(m, "source") && m.source !== "")
                    w.uint32(/* id 10, wireType 2 =*/82).string(m.source);
                if (m.swap != null && $Object.hasOwnProperty.call(m, "swap"))
                    $root.algotrader.v1.SwapMark.encode(m.swap, w.uint32(/* id 11, wireType 2 =*/90).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Bar message, length delimited. Does not implicitly {@link algotrader.v1.Bar.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.Bar
             * @static
             * @param {algotrader.v1.Bar.$Properties} message Bar message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Bar.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Bar message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.Bar
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.Bar & algotrader.v1.Bar.$Shape} Bar
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Bar.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.Bar();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.instrument = $root.algotrader.v1.InstrumentRef.decode(r, r.size(), $undefined, q + 1, m.instrument);
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.timeframe = v;
                            else
                                delete m.timeframe;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.openTimeMs = v;
                            else
                                delete m.openTimeMs;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.closeTimeMs = v;
                            else
                                delete m.closeTimeMs;
                            continue;
                        }
                    case 5: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.open = v;
                            else
                                delete m.open;
                            continue;
                        }
                    case 6: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.high = v;
                            else
                                delete m.high;
                            continue;
                        }
                    case 7: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.low = v;
                            else
                                delete m.low;
                            continue;
                        }
                    case 8: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.close = v;
                            else
                                delete m.close;
                            continue;
                        }
                    case 9: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.volume = v;
                            else
                                delete m.volume;
                            continue;
                        }
                    case 10: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.source = v;
                            else
                                delete m.source;
                            continue;
                        }
                    case 11: {
                            if (u !== 2)
                                break;
                            m.swap = $root.algotrader.v1.SwapMark.decode(r, r.size(), $undefined, q + 1, m.swap);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Bar message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.Bar
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.Bar & algotrader.v1.Bar.$Shape} Bar
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Bar.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Bar message.
             * @function verify
             * @memberof algotrader.v1.Bar
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Bar.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.instrument != null && $Object.hasOwnProperty.call(m, "instrument")) {
                    {
                        var e = $root.algotrader.v1.InstrumentRef.verify(m.instrument, q + 1);
                        if (e)
                            return "instrument." + e;
                    }
                }
                if (m.timeframe != null && $Object.hasOwnProperty.call(m, "timeframe")) {
                    if (!$util.isString(m.timeframe))
                        return "timeframe: string expected";
                }
                if (m.openTimeMs != null && $Object.hasOwnProperty.call(m, "openTimeMs")) {
                    if (!$util.isInteger(m.openTimeMs) && !(m.openTimeMs && $util.isInteger(m.openTimeMs.low) && $util.isInteger(m.openTimeMs.high)))
                        return "openTimeMs: integer|Long expected";
                }
                if (m.closeTimeMs != null && $Object.hasOwnProperty.call(m, "closeTimeMs")) {
                    if (!$util.isInteger(m.closeTimeMs) && !(m.closeTimeMs && $util.isInteger(m.closeTimeMs.low) && $util.isInteger(m.closeTimeMs.high)))
                        return "closeTimeMs: integer|Long expected";
                }
                if (m.open != null && $Object.hasOwnProperty.call(m, "open")) {
                    if (typeof m.open !== "number")
                        return "open: number expected";
                }
                if (m.high != null && $Object.hasOwnProperty.call(m, "high")) {
                    if (typeof m.high !== "number")
                        return "high: number expected";
                }
                if (m.low != null && $Object.hasOwnProperty.call(m, "low")) {
                    if (typeof m.low !== "number")
                        return "low: number expected";
                }
                if (m.close != null && $Object.hasOwnProperty.call(m, "close")) {
                    if (typeof m.close !== "number")
                        return "close: number expected";
                }
                if (m.volume != null && $Object.hasOwnProperty.call(m, "volume")) {
                    if (typeof m.volume !== "number")
                        return "volume: number expected";
                }
                if (m.source != null && $Object.hasOwnProperty.call(m, "source")) {
                    if (!$util.isString(m.source))
                        return "source: string expected";
                }
                if (m.swap != null && $Object.hasOwnProperty.call(m, "swap")) {
                    {
                        var e = $root.algotrader.v1.SwapMark.verify(m.swap, q + 1);
                        if (e)
                            return "swap." + e;
                    }
                }
                return null;
            };

            /**
             * Creates a Bar message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.Bar
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.Bar} Bar
             */
            Bar.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.Bar)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.Bar: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.Bar();
                if (d.instrument != null) {
                    if (!$util.isObject(d.instrument))
                        throw $TypeError(".algotrader.v1.Bar.instrument: object expected");
                    m.instrument = $root.algotrader.v1.InstrumentRef.fromObject(d.instrument, q + 1);
                }
                if (d.timeframe != null) {
                    if (typeof d.timeframe !== "string" || d.timeframe.length) {
                        m.timeframe = $String(d.timeframe);
                    }
                }
                if (d.openTimeMs != null) {
                    if (typeof d.openTimeMs === "object" ? d.openTimeMs.low || d.openTimeMs.high : $Number(d.openTimeMs) !== 0) {
                        if ($util.Long)
                            m.openTimeMs = $util.Long.fromValue(d.openTimeMs, false);
                        else if (typeof d.openTimeMs === "string")
                            m.openTimeMs = $parseInt(d.openTimeMs, 10);
                        else if (typeof d.openTimeMs === "number")
                            m.openTimeMs = d.openTimeMs;
                        else if (typeof d.openTimeMs === "object")
                            m.openTimeMs = new $util.LongBits(d.openTimeMs.low >>> 0, d.openTimeMs.high >>> 0).toNumber();
                    }
                }
                if (d.closeTimeMs != null) {
                    if (typeof d.closeTimeMs === "object" ? d.closeTimeMs.low || d.closeTimeMs.high : $Number(d.closeTimeMs) !== 0) {
                        if ($util.Long)
                            m.closeTimeMs = $util.Long.fromValue(d.closeTimeMs, false);
                        else if (typeof d.closeTimeMs === "string")
                            m.closeTimeMs = $parseInt(d.closeTimeMs, 10);
                        else if (typeof d.closeTimeMs === "number")
                            m.closeTimeMs = d.closeTimeMs;
                        else if (typeof d.closeTimeMs === "object")
                            m.closeTimeMs = new $util.LongBits(d.closeTimeMs.low >>> 0, d.closeTimeMs.high >>> 0).toNumber();
                    }
                }
                if (d.open != null) {
                    if (!$Object.is($Number(d.open), 0)) {
                        m.open = $Number(d.open);
                    }
                }
                if (d.high != null) {
                    if (!$Object.is($Number(d.high), 0)) {
                        m.high = $Number(d.high);
                    }
                }
                if (d.low != null) {
                    if (!$Object.is($Number(d.low), 0)) {
                        m.low = $Number(d.low);
                    }
                }
                if (d.close != null) {
                    if (!$Object.is($Number(d.close), 0)) {
                        m.close = $Number(d.close);
                    }
                }
                if (d.volume != null) {
                    if (!$Object.is($Number(d.volume), 0)) {
                        m.volume = $Number(d.volume);
                    }
                }
                if (d.source != null) {
                    if (typeof d.source !== "string" || d.source.length) {
                        m.source = $String(d.source);
                    }
                }
                if (d.swap != null) {
                    if (!$util.isObject(d.swap))
                        throw $TypeError(".algotrader.v1.Bar.swap: object expected");
                    m.swap = $root.algotrader.v1.SwapMark.fromObject(d.swap, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from a Bar message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.Bar
             * @static
             * @param {algotrader.v1.Bar} m Bar
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Bar.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.instrument = null;
                    d.timeframe = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.openTimeMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.openTimeMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.closeTimeMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.closeTimeMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.open = 0;
                    d.high = 0;
                    d.low = 0;
                    d.close = 0;
                    d.volume = 0;
                    d.source = "";
                    d.swap = null;
                }
                if (m.instrument != null && $Object.hasOwnProperty.call(m, "instrument")) {
                    d.instrument = $root.algotrader.v1.InstrumentRef.toObject(m.instrument, o, q + 1);
                }
                if (m.timeframe != null && $Object.hasOwnProperty.call(m, "timeframe")) {
                    d.timeframe = m.timeframe;
                }
                if (m.openTimeMs != null && $Object.hasOwnProperty.call(m, "openTimeMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.openTimeMs = typeof m.openTimeMs === "number" ? $BigInt(m.openTimeMs) : $util.Long.fromBits(m.openTimeMs.low >>> 0, m.openTimeMs.high >>> 0, false).toBigInt();
                    else if (typeof m.openTimeMs === "number")
                        d.openTimeMs = o.longs === $String ? $String(m.openTimeMs) : m.openTimeMs;
                    else
                        d.openTimeMs = o.longs === $String ? $util.Long.prototype.toString.call(m.openTimeMs) : o.longs === $Number ? new $util.LongBits(m.openTimeMs.low >>> 0, m.openTimeMs.high >>> 0).toNumber() : m.openTimeMs;
                }
                if (m.closeTimeMs != null && $Object.hasOwnProperty.call(m, "closeTimeMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.closeTimeMs = typeof m.closeTimeMs === "number" ? $BigInt(m.closeTimeMs) : $util.Long.fromBits(m.closeTimeMs.low >>> 0, m.closeTimeMs.high >>> 0, false).toBigInt();
                    else if (typeof m.closeTimeMs === "number")
                        d.closeTimeMs = o.longs === $String ? $String(m.closeTimeMs) : m.closeTimeMs;
                    else
                        d.closeTimeMs = o.longs === $String ? $util.Long.prototype.toString.call(m.closeTimeMs) : o.longs === $Number ? new $util.LongBits(m.closeTimeMs.low >>> 0, m.closeTimeMs.high >>> 0).toNumber() : m.closeTimeMs;
                }
                if (m.open != null && $Object.hasOwnProperty.call(m, "open")) {
                    d.open = o.json && !$isFinite(m.open) ? $String(m.open) : m.open;
                }
                if (m.high != null && $Object.hasOwnProperty.call(m, "high")) {
                    d.high = o.json && !$isFinite(m.high) ? $String(m.high) : m.high;
                }
                if (m.low != null && $Object.hasOwnProperty.call(m, "low")) {
                    d.low = o.json && !$isFinite(m.low) ? $String(m.low) : m.low;
                }
                if (m.close != null && $Object.hasOwnProperty.call(m, "close")) {
                    d.close = o.json && !$isFinite(m.close) ? $String(m.close) : m.close;
                }
                if (m.volume != null && $Object.hasOwnProperty.call(m, "volume")) {
                    d.volume = o.json && !$isFinite(m.volume) ? $String(m.volume) : m.volume;
                }
                if (m.source != null && $Object.hasOwnProperty.call(m, "source")) {
                    d.source = m.source;
                }
                if (m.swap != null && $Object.hasOwnProperty.call(m, "swap")) {
                    d.swap = $root.algotrader.v1.SwapMark.toObject(m.swap, o, q + 1);
                }
                return d;
            };

            /**
             * Converts this Bar to JSON.
             * @function toJSON
             * @memberof algotrader.v1.Bar
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Bar.prototype.toJSON = function() {
                return Bar.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Bar
             * @function getTypeUrl
             * @memberof algotrader.v1.Bar
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Bar.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.Bar";
            };

            return Bar;
        })();

        v1.SwapMark = (function() {

            /**
             * Properties of a SwapMark.
             * @typedef {Object} algotrader.v1.SwapMark.$Properties
             * @property {number|null} [markOpen] SwapMark markOpen
             * @property {number|null} [markHigh] SwapMark markHigh
             * @property {number|null} [markLow] SwapMark markLow
             * @property {number|null} [markClose] SwapMark markClose
             * @property {number|null} [fundingRate] SwapMark fundingRate
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SwapMark.
             * @memberof algotrader.v1
             * @interface ISwapMark
             * @augments algotrader.v1.SwapMark.$Properties
             * @deprecated Use algotrader.v1.SwapMark.$Properties instead.
             */

            /**
             * Shape of a SwapMark.
             * @typedef {algotrader.v1.SwapMark.$Properties} algotrader.v1.SwapMark.$Shape
             */

            /**
             * Constructs a new SwapMark.
             * @memberof algotrader.v1
             * @classdesc Represents a SwapMark.
             * @constructor
             * @param {algotrader.v1.SwapMark.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SwapMark = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SwapMark markOpen.
             * @member {number} markOpen
             * @memberof algotrader.v1.SwapMark
             * @instance
             */
            SwapMark.prototype.markOpen = 0;

            /**
             * SwapMark markHigh.
             * @member {number} markHigh
             * @memberof algotrader.v1.SwapMark
             * @instance
             */
            SwapMark.prototype.markHigh = 0;

            /**
             * SwapMark markLow.
             * @member {number} markLow
             * @memberof algotrader.v1.SwapMark
             * @instance
             */
            SwapMark.prototype.markLow = 0;

            /**
             * SwapMark markClose.
             * @member {number} markClose
             * @memberof algotrader.v1.SwapMark
             * @instance
             */
            SwapMark.prototype.markClose = 0;

            /**
             * SwapMark fundingRate.
             * @member {number|null|undefined} fundingRate
             * @memberof algotrader.v1.SwapMark
             * @instance
             */
            SwapMark.prototype.fundingRate = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(SwapMark.prototype, "_fundingRate", {
                get: $util.oneOfGetter($oneOfFields = ["fundingRate"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new SwapMark instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.SwapMark
             * @static
             * @param {algotrader.v1.SwapMark.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.SwapMark} SwapMark instance
             * @type {{
             *   (properties: algotrader.v1.SwapMark.$Shape): algotrader.v1.SwapMark & algotrader.v1.SwapMark.$Shape;
             *   (properties?: algotrader.v1.SwapMark.$Properties): algotrader.v1.SwapMark;
             * }}
             */
            SwapMark.create = function(properties) {
                return new SwapMark(properties);
            };

            /**
             * Encodes the specified SwapMark message. Does not implicitly {@link algotrader.v1.SwapMark.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.SwapMark
             * @static
             * @param {algotrader.v1.SwapMark.$Properties} m SwapMark message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SwapMark.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.markOpen != null && $Object.hasOwnProperty.call(m, "markOpen") && !$Object.is(m.markOpen, 0))
                    w.uint32(/* id 1, wireType 1 =*/9).double(m.markOpen);
                if (m.markHigh != null && $Object.hasOwnProperty.call(m, "markHigh") && !$Object.is(m.markHigh, 0))
                    w.uint32(/* id 2, wireType 1 =*/17).double(m.markHigh);
                if (m.markLow != null && $Object.hasOwnProperty.call(m, "markLow") && !$Object.is(m.markLow, 0))
                    w.uint32(/* id 3, wireType 1 =*/25).double(m.markLow);
                if (m.markClose != null && $Object.hasOwnProperty.call(m, "markClose") && !$Object.is(m.markClose, 0))
                    w.uint32(/* id 4, wireType 1 =*/33).double(m.markClose);
                if (m.fundingRate != null && $Object.hasOwnProperty.call(m, "fundingRate"))
                    w.uint32(/* id 5, wireType 1 =*/41).double(m.fundingRate);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified SwapMark message, length delimited. Does not implicitly {@link algotrader.v1.SwapMark.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.SwapMark
             * @static
             * @param {algotrader.v1.SwapMark.$Properties} message SwapMark message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SwapMark.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a SwapMark message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.SwapMark
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.SwapMark & algotrader.v1.SwapMark.$Shape} SwapMark
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SwapMark.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.SwapMark();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.markOpen = v;
                            else
                                delete m.markOpen;
                            continue;
                        }
                    case 2: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.markHigh = v;
                            else
                                delete m.markHigh;
                            continue;
                        }
                    case 3: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.markLow = v;
                            else
                                delete m.markLow;
                            continue;
                        }
                    case 4: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.markClose = v;
                            else
                                delete m.markClose;
                            continue;
                        }
                    case 5: {
                            if (u !== 1)
                                break;
                            m.fundingRate = r.double();
                            m._fundingRate = "fundingRate";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a SwapMark message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.SwapMark
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.SwapMark & algotrader.v1.SwapMark.$Shape} SwapMark
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SwapMark.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a SwapMark message.
             * @function verify
             * @memberof algotrader.v1.SwapMark
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            SwapMark.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                var p = {};
                if (m.markOpen != null && $Object.hasOwnProperty.call(m, "markOpen")) {
                    if (typeof m.markOpen !== "number")
                        return "markOpen: number expected";
                }
                if (m.markHigh != null && $Object.hasOwnProperty.call(m, "markHigh")) {
                    if (typeof m.markHigh !== "number")
                        return "markHigh: number expected";
                }
                if (m.markLow != null && $Object.hasOwnProperty.call(m, "markLow")) {
                    if (typeof m.markLow !== "number")
                        return "markLow: number expected";
                }
                if (m.markClose != null && $Object.hasOwnProperty.call(m, "markClose")) {
                    if (typeof m.markClose !== "number")
                        return "markClose: number expected";
                }
                if (m.fundingRate != null && $Object.hasOwnProperty.call(m, "fundingRate")) {
                    p._fundingRate = 1;
                    if (typeof m.fundingRate !== "number")
                        return "fundingRate: number expected";
                }
                return null;
            };

            /**
             * Creates a SwapMark message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.SwapMark
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.SwapMark} SwapMark
             */
            SwapMark.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.SwapMark)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.SwapMark: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.SwapMark();
                if (d.markOpen != null) {
                    if (!$Object.is($Number(d.markOpen), 0)) {
                        m.markOpen = $Number(d.markOpen);
                    }
                }
                if (d.markHigh != null) {
                    if (!$Object.is($Number(d.markHigh), 0)) {
                        m.markHigh = $Number(d.markHigh);
                    }
                }
                if (d.markLow != null) {
                    if (!$Object.is($Number(d.markLow), 0)) {
                        m.markLow = $Number(d.markLow);
                    }
                }
                if (d.markClose != null) {
                    if (!$Object.is($Number(d.markClose), 0)) {
                        m.markClose = $Number(d.markClose);
                    }
                }
                if (d.fundingRate != null) {
                    m.fundingRate = $Number(d.fundingRate);
                }
                return m;
            };

            /**
             * Creates a plain object from a SwapMark message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.SwapMark
             * @static
             * @param {algotrader.v1.SwapMark} m SwapMark
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SwapMark.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.markOpen = 0;
                    d.markHigh = 0;
                    d.markLow = 0;
                    d.markClose = 0;
                }
                if (m.markOpen != null && $Object.hasOwnProperty.call(m, "markOpen")) {
                    d.markOpen = o.json && !$isFinite(m.markOpen) ? $String(m.markOpen) : m.markOpen;
                }
                if (m.markHigh != null && $Object.hasOwnProperty.call(m, "markHigh")) {
                    d.markHigh = o.json && !$isFinite(m.markHigh) ? $String(m.markHigh) : m.markHigh;
                }
                if (m.markLow != null && $Object.hasOwnProperty.call(m, "markLow")) {
                    d.markLow = o.json && !$isFinite(m.markLow) ? $String(m.markLow) : m.markLow;
                }
                if (m.markClose != null && $Object.hasOwnProperty.call(m, "markClose")) {
                    d.markClose = o.json && !$isFinite(m.markClose) ? $String(m.markClose) : m.markClose;
                }
                if (m.fundingRate != null && $Object.hasOwnProperty.call(m, "fundingRate")) {
                    d.fundingRate = o.json && !$isFinite(m.fundingRate) ? $String(m.fundingRate) : m.fundingRate;
                }
                return d;
            };

            /**
             * Converts this SwapMark to JSON.
             * @function toJSON
             * @memberof algotrader.v1.SwapMark
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SwapMark.prototype.toJSON = function() {
                return SwapMark.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SwapMark
             * @function getTypeUrl
             * @memberof algotrader.v1.SwapMark
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SwapMark.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.SwapMark";
            };

            return SwapMark;
        })();

        v1.FundingRate = (function() {

            /**
             * Properties of a FundingRate.
             * @typedef {Object} algotrader.v1.FundingRate.$Properties
             * @property {string|null} [venue] FundingRate venue
             * @property {string|null} [symbol] FundingRate symbol
             * @property {number|null} [rate] FundingRate rate
             * @property {number|null} [fundingTimeMs] FundingRate fundingTimeMs
             * @property {number|null} [nextFundingTimeMs] FundingRate nextFundingTimeMs
             * @property {number|null} [fetchedAtMs] FundingRate fetchedAtMs
             * @property {string|null} [source] FundingRate source
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a FundingRate.
             * @memberof algotrader.v1
             * @interface IFundingRate
             * @augments algotrader.v1.FundingRate.$Properties
             * @deprecated Use algotrader.v1.FundingRate.$Properties instead.
             */

            /**
             * Shape of a FundingRate.
             * @typedef {algotrader.v1.FundingRate.$Properties} algotrader.v1.FundingRate.$Shape
             */

            /**
             * Constructs a new FundingRate.
             * @memberof algotrader.v1
             * @classdesc Represents a FundingRate.
             * @constructor
             * @param {algotrader.v1.FundingRate.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const FundingRate = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * FundingRate venue.
             * @member {string} venue
             * @memberof algotrader.v1.FundingRate
             * @instance
             */
            FundingRate.prototype.venue = "";

            /**
             * FundingRate symbol.
             * @member {string} symbol
             * @memberof algotrader.v1.FundingRate
             * @instance
             */
            FundingRate.prototype.symbol = "";

            /**
             * FundingRate rate.
             * @member {number} rate
             * @memberof algotrader.v1.FundingRate
             * @instance
             */
            FundingRate.prototype.rate = 0;

            /**
             * FundingRate fundingTimeMs.
             * @member {number} fundingTimeMs
             * @memberof algotrader.v1.FundingRate
             * @instance
             */
            FundingRate.prototype.fundingTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * FundingRate nextFundingTimeMs.
             * @member {number} nextFundingTimeMs
             * @memberof algotrader.v1.FundingRate
             * @instance
             */
            FundingRate.prototype.nextFundingTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * FundingRate fetchedAtMs.
             * @member {number} fetchedAtMs
             * @memberof algotrader.v1.FundingRate
             * @instance
             */
            FundingRate.prototype.fetchedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * FundingRate source.
             * @member {string} source
             * @memberof algotrader.v1.FundingRate
             * @instance
             */
            FundingRate.prototype.source = "";

            /**
             * Creates a new FundingRate instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.FundingRate
             * @static
             * @param {algotrader.v1.FundingRate.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.FundingRate} FundingRate instance
             * @type {{
             *   (properties: algotrader.v1.FundingRate.$Shape): algotrader.v1.FundingRate & algotrader.v1.FundingRate.$Shape;
             *   (properties?: algotrader.v1.FundingRate.$Properties): algotrader.v1.FundingRate;
             * }}
             */
            FundingRate.create = function(properties) {
                return new FundingRate(properties);
            };

            /**
             * Encodes the specified FundingRate message. Does not implicitly {@link algotrader.v1.FundingRate.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.FundingRate
             * @static
             * @param {algotrader.v1.FundingRate.$Properties} m FundingRate message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            FundingRate.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.venue != null && $Object.hasOwnProperty.call(m, "venue") && m.venue !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.venue);
                if (m.symbol != null && $Object.hasOwnProperty.call(m, "symbol") && m.symbol !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.symbol);
                if (m.rate != null && $Object.hasOwnProperty.call(m, "rate") && !$Object.is(m.rate, 0))
                    w.uint32(/* id 3, wireType 1 =*/25).double(m.rate);
                if (m.fundingTimeMs != null && $Object.hasOwnProperty.call(m, "fundingTimeMs") && (typeof m.fundingTimeMs === "object" ? m.fundingTimeMs.low || m.fundingTimeMs.high : m.fundingTimeMs !== 0))
                    w.uint32(/* id 4, wireType 0 =*/32).int64(m.fundingTimeMs);
                if (m.nextFundingTimeMs != null && $Object.hasOwnProperty.call(m, "nextFundingTimeMs") && (typeof m.nextFundingTimeMs === "object" ? m.nextFundingTimeMs.low || m.nextFundingTimeMs.high : m.nextFundingTimeMs !== 0))
                    w.uint32(/* id 5, wireType 0 =*/40).int64(m.nextFundingTimeMs);
                if (m.fetchedAtMs != null && $Object.hasOwnProperty.call(m, "fetchedAtMs") && (typeof m.fetchedAtMs === "object" ? m.fetchedAtMs.low || m.fetchedAtMs.high : m.fetchedAtMs !== 0))
                    w.uint32(/* id 6, wireType 0 =*/48).int64(m.fetchedAtMs);
                if (m.source != null && $Object.hasOwnProperty.call(m, "source") && m.source !== "")
                    w.uint32(/* id 7, wireType 2 =*/58).string(m.source);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified FundingRate message, length delimited. Does not implicitly {@link algotrader.v1.FundingRate.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.FundingRate
             * @static
             * @param {algotrader.v1.FundingRate.$Properties} message FundingRate message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            FundingRate.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a FundingRate message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.FundingRate
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.FundingRate & algotrader.v1.FundingRate.$Shape} FundingRate
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            FundingRate.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.FundingRate();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.venue = v;
                            else
                                delete m.venue;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.symbol = v;
                            else
                                delete m.symbol;
                            continue;
                        }
                    case 3: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.rate = v;
                            else
                                delete m.rate;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.fundingTimeMs = v;
                            else
                                delete m.fundingTimeMs;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.nextFundingTimeMs = v;
                            else
                                delete m.nextFundingTimeMs;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.fetchedAtMs = v;
                            else
                                delete m.fetchedAtMs;
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.source = v;
                            else
                                delete m.source;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a FundingRate message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.FundingRate
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.FundingRate & algotrader.v1.FundingRate.$Shape} FundingRate
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            FundingRate.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a FundingRate message.
             * @function verify
             * @memberof algotrader.v1.FundingRate
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            FundingRate.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.venue != null && $Object.hasOwnProperty.call(m, "venue")) {
                    if (!$util.isString(m.venue))
                        return "venue: string expected";
                }
                if (m.symbol != null && $Object.hasOwnProperty.call(m, "symbol")) {
                    if (!$util.isString(m.symbol))
                        return "symbol: string expected";
                }
                if (m.rate != null && $Object.hasOwnProperty.call(m, "rate")) {
                    if (typeof m.rate !== "number")
                        return "rate: number expected";
                }
                if (m.fundingTimeMs != null && $Object.hasOwnProperty.call(m, "fundingTimeMs")) {
                    if (!$util.isInteger(m.fundingTimeMs) && !(m.fundingTimeMs && $util.isInteger(m.fundingTimeMs.low) && $util.isInteger(m.fundingTimeMs.high)))
                        return "fundingTimeMs: integer|Long expected";
                }
                if (m.nextFundingTimeMs != null && $Object.hasOwnProperty.call(m, "nextFundingTimeMs")) {
                    if (!$util.isInteger(m.nextFundingTimeMs) && !(m.nextFundingTimeMs && $util.isInteger(m.nextFundingTimeMs.low) && $util.isInteger(m.nextFundingTimeMs.high)))
                        return "nextFundingTimeMs: integer|Long expected";
                }
                if (m.fetchedAtMs != null && $Object.hasOwnProperty.call(m, "fetchedAtMs")) {
                    if (!$util.isInteger(m.fetchedAtMs) && !(m.fetchedAtMs && $util.isInteger(m.fetchedAtMs.low) && $util.isInteger(m.fetchedAtMs.high)))
                        return "fetchedAtMs: integer|Long expected";
                }
                if (m.source != null && $Object.hasOwnProperty.call(m, "source")) {
                    if (!$util.isString(m.source))
                        return "source: string expected";
                }
                return null;
            };

            /**
             * Creates a FundingRate message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.FundingRate
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.FundingRate} FundingRate
             */
            FundingRate.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.FundingRate)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.FundingRate: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.FundingRate();
                if (d.venue != null) {
                    if (typeof d.venue !== "string" || d.venue.length) {
                        m.venue = $String(d.venue);
                    }
                }
                if (d.symbol != null) {
                    if (typeof d.symbol !== "string" || d.symbol.length) {
                        m.symbol = $String(d.symbol);
                    }
                }
                if (d.rate != null) {
                    if (!$Object.is($Number(d.rate), 0)) {
                        m.rate = $Number(d.rate);
                    }
                }
                if (d.fundingTimeMs != null) {
                    if (typeof d.fundingTimeMs === "object" ? d.fundingTimeMs.low || d.fundingTimeMs.high : $Number(d.fundingTimeMs) !== 0) {
                        if ($util.Long)
                            m.fundingTimeMs = $util.Long.fromValue(d.fundingTimeMs, false);
                        else if (typeof d.fundingTimeMs === "string")
                            m.fundingTimeMs = $parseInt(d.fundingTimeMs, 10);
                        else if (typeof d.fundingTimeMs === "number")
                            m.fundingTimeMs = d.fundingTimeMs;
                        else if (typeof d.fundingTimeMs === "object")
                            m.fundingTimeMs = new $util.LongBits(d.fundingTimeMs.low >>> 0, d.fundingTimeMs.high >>> 0).toNumber();
                    }
                }
                if (d.nextFundingTimeMs != null) {
                    if (typeof d.nextFundingTimeMs === "object" ? d.nextFundingTimeMs.low || d.nextFundingTimeMs.high : $Number(d.nextFundingTimeMs) !== 0) {
                        if ($util.Long)
                            m.nextFundingTimeMs = $util.Long.fromValue(d.nextFundingTimeMs, false);
                        else if (typeof d.nextFundingTimeMs === "string")
                            m.nextFundingTimeMs = $parseInt(d.nextFundingTimeMs, 10);
                        else if (typeof d.nextFundingTimeMs === "number")
                            m.nextFundingTimeMs = d.nextFundingTimeMs;
                        else if (typeof d.nextFundingTimeMs === "object")
                            m.nextFundingTimeMs = new $util.LongBits(d.nextFundingTimeMs.low >>> 0, d.nextFundingTimeMs.high >>> 0).toNumber();
                    }
                }
                if (d.fetchedAtMs != null) {
                    if (typeof d.fetchedAtMs === "object" ? d.fetchedAtMs.low || d.fetchedAtMs.high : $Number(d.fetchedAtMs) !== 0) {
                        if ($util.Long)
                            m.fetchedAtMs = $util.Long.fromValue(d.fetchedAtMs, false);
                        else if (typeof d.fetchedAtMs === "string")
                            m.fetchedAtMs = $parseInt(d.fetchedAtMs, 10);
                        else if (typeof d.fetchedAtMs === "number")
                            m.fetchedAtMs = d.fetchedAtMs;
                        else if (typeof d.fetchedAtMs === "object")
                            m.fetchedAtMs = new $util.LongBits(d.fetchedAtMs.low >>> 0, d.fetchedAtMs.high >>> 0).toNumber();
                    }
                }
                if (d.source != null) {
                    if (typeof d.source !== "string" || d.source.length) {
                        m.source = $String(d.source);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a FundingRate message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.FundingRate
             * @static
             * @param {algotrader.v1.FundingRate} m FundingRate
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            FundingRate.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.venue = "";
                    d.symbol = "";
                    d.rate = 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.fundingTimeMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.fundingTimeMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.nextFundingTimeMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.nextFundingTimeMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.fetchedAtMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.fetchedAtMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.source = "";
                }
                if (m.venue != null && $Object.hasOwnProperty.call(m, "venue")) {
                    d.venue = m.venue;
                }
                if (m.symbol != null && $Object.hasOwnProperty.call(m, "symbol")) {
                    d.symbol = m.symbol;
                }
                if (m.rate != null && $Object.hasOwnProperty.call(m, "rate")) {
                    d.rate = o.json && !$isFinite(m.rate) ? $String(m.rate) : m.rate;
                }
                if (m.fundingTimeMs != null && $Object.hasOwnProperty.call(m, "fundingTimeMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.fundingTimeMs = typeof m.fundingTimeMs === "number" ? $BigInt(m.fundingTimeMs) : $util.Long.fromBits(m.fundingTimeMs.low >>> 0, m.fundingTimeMs.high >>> 0, false).toBigInt();
                    else if (typeof m.fundingTimeMs === "number")
                        d.fundingTimeMs = o.longs === $String ? $String(m.fundingTimeMs) : m.fundingTimeMs;
                    else
                        d.fundingTimeMs = o.longs === $String ? $util.Long.prototype.toString.call(m.fundingTimeMs) : o.longs === $Number ? new $util.LongBits(m.fundingTimeMs.low >>> 0, m.fundingTimeMs.high >>> 0).toNumber() : m.fundingTimeMs;
                }
                if (m.nextFundingTimeMs != null && $Object.hasOwnProperty.call(m, "nextFundingTimeMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.nextFundingTimeMs = typeof m.nextFundingTimeMs === "number" ? $BigInt(m.nextFundingTimeMs) : $util.Long.fromBits(m.nextFundingTimeMs.low >>> 0, m.nextFundingTimeMs.high >>> 0, false).toBigInt();
                    else if (typeof m.nextFundingTimeMs === "number")
                        d.nextFundingTimeMs = o.longs === $String ? $String(m.nextFundingTimeMs) : m.nextFundingTimeMs;
                    else
                        d.nextFundingTimeMs = o.longs === $String ? $util.Long.prototype.toString.call(m.nextFundingTimeMs) : o.longs === $Number ? new $util.LongBits(m.nextFundingTimeMs.low >>> 0, m.nextFundingTimeMs.high >>> 0).toNumber() : m.nextFundingTimeMs;
                }
                if (m.fetchedAtMs != null && $Object.hasOwnProperty.call(m, "fetchedAtMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.fetchedAtMs = typeof m.fetchedAtMs === "number" ? $BigInt(m.fetchedAtMs) : $util.Long.fromBits(m.fetchedAtMs.low >>> 0, m.fetchedAtMs.high >>> 0, false).toBigInt();
                    else if (typeof m.fetchedAtMs === "number")
                        d.fetchedAtMs = o.longs === $String ? $String(m.fetchedAtMs) : m.fetchedAtMs;
                    else
                        d.fetchedAtMs = o.longs === $String ? $util.Long.prototype.toString.call(m.fetchedAtMs) : o.longs === $Number ? new $util.LongBits(m.fetchedAtMs.low >>> 0, m.fetchedAtMs.high >>> 0).toNumber() : m.fetchedAtMs;
                }
                if (m.source != null && $Object.hasOwnProperty.call(m, "source")) {
                    d.source = m.source;
                }
                return d;
            };

            /**
             * Converts this FundingRate to JSON.
             * @function toJSON
             * @memberof algotrader.v1.FundingRate
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            FundingRate.prototype.toJSON = function() {
                return FundingRate.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for FundingRate
             * @function getTypeUrl
             * @memberof algotrader.v1.FundingRate
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            FundingRate.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.FundingRate";
            };

            return FundingRate;
        })();

        v1.BarSetClosed = (function() {

            /**
             * Properties of a BarSetClosed.
             * @typedef {Object} algotrader.v1.BarSetClosed.$Properties
             * @property {string|null} [venue] BarSetClosed venue
             * @property {string|null} [timeframe] BarSetClosed timeframe
             * @property {number|null} [closeTimeMs] BarSetClosed closeTimeMs
             * @property {Array.<string>|null} [arrived] BarSetClosed arrived
             * @property {Array.<string>|null} [missing] BarSetClosed missing
             * @property {boolean|null} [timedOut] BarSetClosed timedOut
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a BarSetClosed.
             * @memberof algotrader.v1
             * @interface IBarSetClosed
             * @augments algotrader.v1.BarSetClosed.$Properties
             * @deprecated Use algotrader.v1.BarSetClosed.$Properties instead.
             */

            /**
             * Shape of a BarSetClosed.
             * @typedef {algotrader.v1.BarSetClosed.$Properties} algotrader.v1.BarSetClosed.$Shape
             */

            /**
             * Constructs a new BarSetClosed.
             * @memberof algotrader.v1
             * @classdesc Represents a BarSetClosed.
             * @constructor
             * @param {algotrader.v1.BarSetClosed.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const BarSetClosed = function (p) {
                this.arrived = [];
                this.missing = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * BarSetClosed venue.
             * @member {string} venue
             * @memberof algotrader.v1.BarSetClosed
             * @instance
             */
            BarSetClosed.prototype.venue = "";

            /**
             * BarSetClosed timeframe.
             * @member {string} timeframe
             * @memberof algotrader.v1.BarSetClosed
             * @instance
             */
            BarSetClosed.prototype.timeframe = "";

            /**
             * BarSetClosed closeTimeMs.
             * @member {number} closeTimeMs
             * @memberof algotrader.v1.BarSetClosed
             * @instance
             */
            BarSetClosed.prototype.closeTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * BarSetClosed arrived.
             * @member {Array.<string>} arrived
             * @memberof algotrader.v1.BarSetClosed
             * @instance
             */
            BarSetClosed.prototype.arrived = $util.emptyArray;

            /**
             * BarSetClosed missing.
             * @member {Array.<string>} missing
             * @memberof algotrader.v1.BarSetClosed
             * @instance
             */
            BarSetClosed.prototype.missing = $util.emptyArray;

            /**
             * BarSetClosed timedOut.
             * @member {boolean} timedOut
             * @memberof algotrader.v1.BarSetClosed
             * @instance
             */
            BarSetClosed.prototype.timedOut = false;

            /**
             * Creates a new BarSetClosed instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.BarSetClosed
             * @static
             * @param {algotrader.v1.BarSetClosed.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.BarSetClosed} BarSetClosed instance
             * @type {{
             *   (properties: algotrader.v1.BarSetClosed.$Shape): algotrader.v1.BarSetClosed & algotrader.v1.BarSetClosed.$Shape;
             *   (properties?: algotrader.v1.BarSetClosed.$Properties): algotrader.v1.BarSetClosed;
             * }}
             */
            BarSetClosed.create = function(properties) {
                return new BarSetClosed(properties);
            };

            /**
             * Encodes the specified BarSetClosed message. Does not implicitly {@link algotrader.v1.BarSetClosed.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.BarSetClosed
             * @static
             * @param {algotrader.v1.BarSetClosed.$Properties} m BarSetClosed message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            BarSetClosed.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.venue != null && $Object.hasOwnProperty.call(m, "venue") && m.venue !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.venue);
                if (m.timeframe != null && $Object.hasOwnProperty.call(m, "timeframe") && m.timeframe !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.timeframe);
                if (m.closeTimeMs != null && $Object.hasOwnProperty.call(m, "closeTimeMs") && (typeof m.closeTimeMs === "object" ? m.closeTimeMs.low || m.closeTimeMs.high : m.closeTimeMs !== 0))
                    w.uint32(/* id 3, wireType 0 =*/24).int64(m.closeTimeMs);
                if (m.arrived != null && m.arrived.length) {
                    for (var i = 0; i < m.arrived.length; ++i)
                        w.uint32(/* id 4, wireType 2 =*/34).string(m.arrived[i]);
                }
                if (m.missing != null && m.missing.length) {
                    for (var i = 0; i < m.missing.length; ++i)
                        w.uint32(/* id 5, wireType 2 =*/42).string(m.missing[i]);
                }
                if (m.timedOut != null && $Object.hasOwnProperty.call(m, "timedOut") && m.timedOut !== false)
                    w.uint32(/* id 6, wireType 0 =*/48).bool(m.timedOut);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified BarSetClosed message, length delimited. Does not implicitly {@link algotrader.v1.BarSetClosed.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.BarSetClosed
             * @static
             * @param {algotrader.v1.BarSetClosed.$Properties} message BarSetClosed message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            BarSetClosed.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a BarSetClosed message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.BarSetClosed
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.BarSetClosed & algotrader.v1.BarSetClosed.$Shape} BarSetClosed
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            BarSetClosed.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.BarSetClosed();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.venue = v;
                            else
                                delete m.venue;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.timeframe = v;
                            else
                                delete m.timeframe;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.closeTimeMs = v;
                            else
                                delete m.closeTimeMs;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if (!(m.arrived && m.arrived.length))
                                m.arrived = [];
                            m.arrived.push(r.stringVerify());
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if (!(m.missing && m.missing.length))
                                m.missing = [];
                            m.missing.push(r.stringVerify());
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.timedOut = v;
                            else
                                delete m.timedOut;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a BarSetClosed message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.BarSetClosed
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.BarSetClosed & algotrader.v1.BarSetClosed.$Shape} BarSetClosed
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            BarSetClosed.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a BarSetClosed message.
             * @function verify
             * @memberof algotrader.v1.BarSetClosed
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            BarSetClosed.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.venue != null && $Object.hasOwnProperty.call(m, "venue")) {
                    if (!$util.isString(m.venue))
                        return "venue: string expected";
                }
                if (m.timeframe != null && $Object.hasOwnProperty.call(m, "timeframe")) {
                    if (!$util.isString(m.timeframe))
                        return "timeframe: string expected";
                }
                if (m.closeTimeMs != null && $Object.hasOwnProperty.call(m, "closeTimeMs")) {
                    if (!$util.isInteger(m.closeTimeMs) && !(m.closeTimeMs && $util.isInteger(m.closeTimeMs.low) && $util.isInteger(m.closeTimeMs.high)))
                        return "closeTimeMs: integer|Long expected";
                }
                if (m.arrived != null && $Object.hasOwnProperty.call(m, "arrived")) {
                    if (!$Array.isArray(m.arrived))
                        return "arrived: array expected";
                    for (var i = 0; i < m.arrived.length; ++i) {
                        if (!$util.isString(m.arrived[i]))
                            return "arrived: string[] expected";
                    }
                }
                if (m.missing != null && $Object.hasOwnProperty.call(m, "missing")) {
                    if (!$Array.isArray(m.missing))
                        return "missing: array expected";
                    for (var i = 0; i < m.missing.length; ++i) {
                        if (!$util.isString(m.missing[i]))
                            return "missing: string[] expected";
                    }
                }
                if (m.timedOut != null && $Object.hasOwnProperty.call(m, "timedOut")) {
                    if (typeof m.timedOut !== "boolean")
                        return "timedOut: boolean expected";
                }
                return null;
            };

            /**
             * Creates a BarSetClosed message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.BarSetClosed
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.BarSetClosed} BarSetClosed
             */
            BarSetClosed.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.BarSetClosed)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.BarSetClosed: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.BarSetClosed();
                if (d.venue != null) {
                    if (typeof d.venue !== "string" || d.venue.length) {
                        m.venue = $String(d.venue);
                    }
                }
                if (d.timeframe != null) {
                    if (typeof d.timeframe !== "string" || d.timeframe.length) {
                        m.timeframe = $String(d.timeframe);
                    }
                }
                if (d.closeTimeMs != null) {
                    if (typeof d.closeTimeMs === "object" ? d.closeTimeMs.low || d.closeTimeMs.high : $Number(d.closeTimeMs) !== 0) {
                        if ($util.Long)
                            m.closeTimeMs = $util.Long.fromValue(d.closeTimeMs, false);
                        else if (typeof d.closeTimeMs === "string")
                            m.closeTimeMs = $parseInt(d.closeTimeMs, 10);
                        else if (typeof d.closeTimeMs === "number")
                            m.closeTimeMs = d.closeTimeMs;
                        else if (typeof d.closeTimeMs === "object")
                            m.closeTimeMs = new $util.LongBits(d.closeTimeMs.low >>> 0, d.closeTimeMs.high >>> 0).toNumber();
                    }
                }
                if (d.arrived) {
                    if (!$Array.isArray(d.arrived))
                        throw $TypeError(".algotrader.v1.BarSetClosed.arrived: array expected");
                    m.arrived = $Array(d.arrived.length);
                    for (var i = 0; i < d.arrived.length; ++i) {
                        m.arrived[i] = $String(d.arrived[i]);
                    }
                }
                if (d.missing) {
                    if (!$Array.isArray(d.missing))
                        throw $TypeError(".algotrader.v1.BarSetClosed.missing: array expected");
                    m.missing = $Array(d.missing.length);
                    for (var i = 0; i < d.missing.length; ++i) {
                        m.missing[i] = $String(d.missing[i]);
                    }
                }
                if (d.timedOut != null) {
                    if (d.timedOut) {
                        m.timedOut = $Boolean(d.timedOut);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a BarSetClosed message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.BarSetClosed
             * @static
             * @param {algotrader.v1.BarSetClosed} m BarSetClosed
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            BarSetClosed.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.arrived = [];
                    d.missing = [];
                }
                if (o.defaults) {
                    d.venue = "";
                    d.timeframe = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.closeTimeMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.closeTimeMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.timedOut = false;
                }
                if (m.venue != null && $Object.hasOwnProperty.call(m, "venue")) {
                    d.venue = m.venue;
                }
                if (m.timeframe != null && $Object.hasOwnProperty.call(m, "timeframe")) {
                    d.timeframe = m.timeframe;
                }
                if (m.closeTimeMs != null && $Object.hasOwnProperty.call(m, "closeTimeMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.closeTimeMs = typeof m.closeTimeMs === "number" ? $BigInt(m.closeTimeMs) : $util.Long.fromBits(m.closeTimeMs.low >>> 0, m.closeTimeMs.high >>> 0, false).toBigInt();
                    else if (typeof m.closeTimeMs === "number")
                        d.closeTimeMs = o.longs === $String ? $String(m.closeTimeMs) : m.closeTimeMs;
                    else
                        d.closeTimeMs = o.longs === $String ? $util.Long.prototype.toString.call(m.closeTimeMs) : o.longs === $Number ? new $util.LongBits(m.closeTimeMs.low >>> 0, m.closeTimeMs.high >>> 0).toNumber() : m.closeTimeMs;
                }
                if (m.arrived && m.arrived.length) {
                    d.arrived = $Array(m.arrived.length);
                    for (var j = 0; j < m.arrived.length; ++j) {
                        d.arrived[j] = m.arrived[j];
                    }
                }
                if (m.missing && m.missing.length) {
                    d.missing = $Array(m.missing.length);
                    for (var j = 0; j < m.missing.length; ++j) {
                        d.missing[j] = m.missing[j];
                    }
                }
                if (m.timedOut != null && $Object.hasOwnProperty.call(m, "timedOut")) {
                    d.timedOut = m.timedOut;
                }
                return d;
            };

            /**
             * Converts this BarSetClosed to JSON.
             * @function toJSON
             * @memberof algotrader.v1.BarSetClosed
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            BarSetClosed.prototype.toJSON = function() {
                return BarSetClosed.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for BarSetClosed
             * @function getTypeUrl
             * @memberof algotrader.v1.BarSetClosed
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            BarSetClosed.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.BarSetClosed";
            };

            return BarSetClosed;
        })();

        v1.FeatureVector = (function() {

            /**
             * Properties of a FeatureVector.
             * @typedef {Object} algotrader.v1.FeatureVector.$Properties
             * @property {algotrader.v1.InstrumentRef.$Properties|null} [instrument] FeatureVector instrument
             * @property {string|null} [timeframe] FeatureVector timeframe
             * @property {number|null} [closeTimeMs] FeatureVector closeTimeMs
             * @property {Object.<string,number>|null} [values] FeatureVector values
             * @property {boolean|null} [warm] FeatureVector warm
             * @property {algotrader.v1.Bar.$Properties|null} [bar] FeatureVector bar
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a FeatureVector.
             * @memberof algotrader.v1
             * @interface IFeatureVector
             * @augments algotrader.v1.FeatureVector.$Properties
             * @deprecated Use algotrader.v1.FeatureVector.$Properties instead.
             */

            /**
             * Shape of a FeatureVector.
             * @typedef {algotrader.v1.FeatureVector.$Properties} algotrader.v1.FeatureVector.$Shape
             */

            /**
             * Constructs a new FeatureVector.
             * @memberof algotrader.v1
             * @classdesc Represents a FeatureVector.
             * @constructor
             * @param {algotrader.v1.FeatureVector.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const FeatureVector = function (p) {
                this.values = {};
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * FeatureVector instrument.
             * @member {algotrader.v1.InstrumentRef.$Properties|null|undefined} instrument
             * @memberof algotrader.v1.FeatureVector
             * @instance
             */
            FeatureVector.prototype.instrument = null;

            /**
             * FeatureVector timeframe.
             * @member {string} timeframe
             * @memberof algotrader.v1.FeatureVector
             * @instance
             */
            FeatureVector.prototype.timeframe = "";

            /**
             * FeatureVector closeTimeMs.
             * @member {number} closeTimeMs
             * @memberof algotrader.v1.FeatureVector
             * @instance
             */
            FeatureVector.prototype.closeTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * FeatureVector values.
             * @member {Object.<string,number>} values
             * @memberof algotrader.v1.FeatureVector
             * @instance
             */
            FeatureVector.prototype.values = $util.emptyObject;

            /**
             * FeatureVector warm.
             * @member {boolean} warm
             * @memberof algotrader.v1.FeatureVector
             * @instance
             */
            FeatureVector.prototype.warm = false;

            /**
             * FeatureVector bar.
             * @member {algotrader.v1.Bar.$Properties|null|undefined} bar
             * @memberof algotrader.v1.FeatureVector
             * @instance
             */
            FeatureVector.prototype.bar = null;

            /**
             * Creates a new FeatureVector instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.FeatureVector
             * @static
             * @param {algotrader.v1.FeatureVector.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.FeatureVector} FeatureVector instance
             * @type {{
             *   (properties: algotrader.v1.FeatureVector.$Shape): algotrader.v1.FeatureVector & algotrader.v1.FeatureVector.$Shape;
             *   (properties?: algotrader.v1.FeatureVector.$Properties): algotrader.v1.FeatureVector;
             * }}
             */
            FeatureVector.create = function(properties) {
                return new FeatureVector(properties);
            };

            /**
             * Encodes the specified FeatureVector message. Does not implicitly {@link algotrader.v1.FeatureVector.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.FeatureVector
             * @static
             * @param {algotrader.v1.FeatureVector.$Properties} m FeatureVector message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            FeatureVector.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.instrument != null && $Object.hasOwnProperty.call(m, "instrument"))
                    $root.algotrader.v1.InstrumentRef.encode(m.instrument, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (m.timeframe != null && $Object.hasOwnProperty.call(m, "timeframe") && m.timeframe !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.timeframe);
                if (m.closeTimeMs != null && $Object.hasOwnProperty.call(m, "closeTimeMs") && (typeof m.closeTimeMs === "object" ? m.closeTimeMs.low || m.closeTimeMs.high : m.closeTimeMs !== 0))
                    w.uint32(/* id 3, wireType 0 =*/24).int64(m.closeTimeMs);
                if (m.values != null && $Object.hasOwnProperty.call(m, "values")) {
                    for (var ks = $Object.keys(m.values), i = 0; i < ks.length; ++i) {
                        w.uint32(/* id 4, wireType 2 =*/34).fork().uint32(/* id 1, wireType 2 =*/10).string(ks[i]).uint32(/* id 2, wireType 1 =*/17).double(m.values[ks[i]]).ldelim();
                    }
                }
                if (m.warm != null && $Object.hasOwnProperty.call(m, "warm") && m.warm !== false)
                    w.uint32(/* id 5, wireType 0 =*/40).bool(m.warm);
                if (m.bar != null && $Object.hasOwnProperty.call(m, "bar"))
                    $root.algotrader.v1.Bar.encode(m.bar, w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified FeatureVector message, length delimited. Does not implicitly {@link algotrader.v1.FeatureVector.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.FeatureVector
             * @static
             * @param {algotrader.v1.FeatureVector.$Properties} message FeatureVector message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            FeatureVector.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a FeatureVector message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.FeatureVector
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.FeatureVector & algotrader.v1.FeatureVector.$Shape} FeatureVector
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            FeatureVector.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, k, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.FeatureVector();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.instrument = $root.algotrader.v1.InstrumentRef.decode(r, r.size(), $undefined, q + 1, m.instrument);
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.timeframe = v;
                            else
                                delete m.timeframe;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.closeTimeMs = v;
                            else
                                delete m.closeTimeMs;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if (m.values === $util.emptyObject)
                                m.values = {};
                            var c2 = r.size() + r.pos;
                            if (c2 > r.len)
                                throw $RangeError("index out of range");
                            r.len = c2;
                            k = "";
                            v = 0;
                            while (r.pos < c2) {
                                var t2 = r.tag();
                                u = t2 & 7;
                                switch (t2 >>>= 3) {
                                case 1:
                                    if (u !== 2)
                                        break;
                                    k = r.stringVerify();
                                    continue;
                                case 2:
                                    if (u !== 1)
                                        break;
                                    v = r.double();
                                    continue;
                                }
                                r.skipType(u, q, t2);
                            }
                            if (r.pos !== c2)
                                throw $RangeError("index out of range");
                            r.len = c;
                            if (k === "__proto__")
                                $util.makeProp(m.values, k);
                            m.values[k] = v;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.warm = v;
                            else
                                delete m.warm;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            m.bar = $root.algotrader.v1.Bar.decode(r, r.size(), $undefined, q + 1, m.bar);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a FeatureVector message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.FeatureVector
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.FeatureVector & algotrader.v1.FeatureVector.$Shape} FeatureVector
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            FeatureVector.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a FeatureVector message.
             * @function verify
             * @memberof algotrader.v1.FeatureVector
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            FeatureVector.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.instrument != null && $Object.hasOwnProperty.call(m, "instrument")) {
                    {
                        var e = $root.algotrader.v1.InstrumentRef.verify(m.instrument, q + 1);
                        if (e)
                            return "instrument." + e;
                    }
                }
                if (m.timeframe != null && $Object.hasOwnProperty.call(m, "timeframe")) {
                    if (!$util.isString(m.timeframe))
                        return "timeframe: string expected";
                }
                if (m.closeTimeMs != null && $Object.hasOwnProperty.call(m, "closeTimeMs")) {
                    if (!$util.isInteger(m.closeTimeMs) && !(m.closeTimeMs && $util.isInteger(m.closeTimeMs.low) && $util.isInteger(m.closeTimeMs.high)))
                        return "closeTimeMs: integer|Long expected";
                }
                if (m.values != null && $Object.hasOwnProperty.call(m, "values")) {
                    if (!$util.isObject(m.values))
                        return "values: object expected";
                    var k = $Object.keys(m.values);
                    for (var i = 0; i < k.length; ++i) {
                        if (typeof m.values[k[i]] !== "number")
                            return "values: number{k:string} expected";
                    }
                }
                if (m.warm != null && $Object.hasOwnProperty.call(m, "warm")) {
                    if (typeof m.warm !== "boolean")
                        return "warm: boolean expected";
                }
                if (m.bar != null && $Object.hasOwnProperty.call(m, "bar")) {
                    {
                        var e = $root.algotrader.v1.Bar.verify(m.bar, q + 1);
                        if (e)
                            return "bar." + e;
                    }
                }
                return null;
            };

            /**
             * Creates a FeatureVector message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.FeatureVector
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.FeatureVector} FeatureVector
             */
            FeatureVector.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.FeatureVector)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.FeatureVector: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.FeatureVector();
                if (d.instrument != null) {
                    if (!$util.isObject(d.instrument))
                        throw $TypeError(".algotrader.v1.FeatureVector.instrument: object expected");
                    m.instrument = $root.algotrader.v1.InstrumentRef.fromObject(d.instrument, q + 1);
                }
                if (d.timeframe != null) {
                    if (typeof d.timeframe !== "string" || d.timeframe.length) {
                        m.timeframe = $String(d.timeframe);
                    }
                }
                if (d.closeTimeMs != null) {
                    if (typeof d.closeTimeMs === "object" ? d.closeTimeMs.low || d.closeTimeMs.high : $Number(d.closeTimeMs) !== 0) {
                        if ($util.Long)
                            m.closeTimeMs = $util.Long.fromValue(d.closeTimeMs, false);
                        else if (typeof d.closeTimeMs === "string")
                            m.closeTimeMs = $parseInt(d.closeTimeMs, 10);
                        else if (typeof d.closeTimeMs === "number")
                            m.closeTimeMs = d.closeTimeMs;
                        else if (typeof d.closeTimeMs === "object")
                            m.closeTimeMs = new $util.LongBits(d.closeTimeMs.low >>> 0, d.closeTimeMs.high >>> 0).toNumber();
                    }
                }
                if (d.values) {
                    if (!$util.isObject(d.values))
                        throw $TypeError(".algotrader.v1.FeatureVector.values: object expected");
                    m.values = {};
                    for (var ks = $Object.keys(d.values), i = 0; i < ks.length; ++i) {
                        if (ks[i] === "__proto__")
                            $util.makeProp(m.values, ks[i]);
                        m.values[ks[i]] = $Number(d.values[ks[i]]);
                    }
                }
                if (d.warm != null) {
                    if (d.warm) {
                        m.warm = $Boolean(d.warm);
                    }
                }
                if (d.bar != null) {
                    if (!$util.isObject(d.bar))
                        throw $TypeError(".algotrader.v1.FeatureVector.bar: object expected");
                    m.bar = $root.algotrader.v1.Bar.fromObject(d.bar, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from a FeatureVector message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.FeatureVector
             * @static
             * @param {algotrader.v1.FeatureVector} m FeatureVector
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            FeatureVector.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.objects || o.defaults) {
                    d.values = {};
                }
                if (o.defaults) {
                    d.instrument = null;
                    d.timeframe = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.closeTimeMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.closeTimeMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.warm = false;
                    d.bar = null;
                }
                if (m.instrument != null && $Object.hasOwnProperty.call(m, "instrument")) {
                    d.instrument = $root.algotrader.v1.InstrumentRef.toObject(m.instrument, o, q + 1);
                }
                if (m.timeframe != null && $Object.hasOwnProperty.call(m, "timeframe")) {
                    d.timeframe = m.timeframe;
                }
                if (m.closeTimeMs != null && $Object.hasOwnProperty.call(m, "closeTimeMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.closeTimeMs = typeof m.closeTimeMs === "number" ? $BigInt(m.closeTimeMs) : $util.Long.fromBits(m.closeTimeMs.low >>> 0, m.closeTimeMs.high >>> 0, false).toBigInt();
                    else if (typeof m.closeTimeMs === "number")
                        d.closeTimeMs = o.longs === $String ? $String(m.closeTimeMs) : m.closeTimeMs;
                    else
                        d.closeTimeMs = o.longs === $String ? $util.Long.prototype.toString.call(m.closeTimeMs) : o.longs === $Number ? new $util.LongBits(m.closeTimeMs.low >>> 0, m.closeTimeMs.high >>> 0).toNumber() : m.closeTimeMs;
                }
                var ks2;
                if (m.values && (ks2 = $Object.keys(m.values)).length) {
                    d.values = {};
                    for (var j = 0; j < ks2.length; ++j) {
                        if (ks2[j] === "__proto__")
                            $util.makeProp(d.values, ks2[j]);
                        d.values[ks2[j]] = o.json && !$isFinite(m.values[ks2[j]]) ? $String(m.values[ks2[j]]) : m.values[ks2[j]];
                    }
                }
                if (m.warm != null && $Object.hasOwnProperty.call(m, "warm")) {
                    d.warm = m.warm;
                }
                if (m.bar != null && $Object.hasOwnProperty.call(m, "bar")) {
                    d.bar = $root.algotrader.v1.Bar.toObject(m.bar, o, q + 1);
                }
                return d;
            };

            /**
             * Converts this FeatureVector to JSON.
             * @function toJSON
             * @memberof algotrader.v1.FeatureVector
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            FeatureVector.prototype.toJSON = function() {
                return FeatureVector.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for FeatureVector
             * @function getTypeUrl
             * @memberof algotrader.v1.FeatureVector
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            FeatureVector.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.FeatureVector";
            };

            return FeatureVector;
        })();

        /**
         * Severity enum.
         * @name algotrader.v1.Severity
         * @enum {number}
         * @property {number} SEVERITY_UNSPECIFIED=0 SEVERITY_UNSPECIFIED value
         * @property {number} SEVERITY_INFO=1 SEVERITY_INFO value
         * @property {number} SEVERITY_WARNING=2 SEVERITY_WARNING value
         * @property {number} SEVERITY_CRITICAL=3 SEVERITY_CRITICAL value
         */
        v1.Severity = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "SEVERITY_UNSPECIFIED"] = 0;
            values[valuesById[1] = "SEVERITY_INFO"] = 1;
            values[valuesById[2] = "SEVERITY_WARNING"] = 2;
            values[valuesById[3] = "SEVERITY_CRITICAL"] = 3;
            return values;
        })();

        v1.Alert = (function() {

            /**
             * Properties of an Alert.
             * @typedef {Object} algotrader.v1.Alert.$Properties
             * @property {algotrader.v1.Severity|null} [severity] Alert severity
             * @property {string|null} [source] Alert source
             * @property {string|null} [code] Alert code
             * @property {string|null} [message] Alert message
             * @property {Object.<string,string>|null} [labels] Alert labels
             * @property {number|null} [timeMs] Alert timeMs
             * @property {string|null} [dedupeKey] Alert dedupeKey
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Alert.
             * @memberof algotrader.v1
             * @interface IAlert
             * @augments algotrader.v1.Alert.$Properties
             * @deprecated Use algotrader.v1.Alert.$Properties instead.
             */

            /**
             * Shape of an Alert.
             * @typedef {algotrader.v1.Alert.$Properties} algotrader.v1.Alert.$Shape
             */

            /**
             * Constructs a new Alert.
             * @memberof algotrader.v1
             * @classdesc Represents an Alert.
             * @constructor
             * @param {algotrader.v1.Alert.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Alert = function (p) {
                this.labels = {};
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Alert severity.
             * @member {algotrader.v1.Severity} severity
             * @memberof algotrader.v1.Alert
             * @instance
             */
            Alert.prototype.severity = 0;

            /**
             * Alert source.
             * @member {string} source
             * @memberof algotrader.v1.Alert
             * @instance
             */
            Alert.prototype.source = "";

            /**
             * Alert code.
             * @member {string} code
             * @memberof algotrader.v1.Alert
             * @instance
             */
            Alert.prototype.code = "";

            /**
             * Alert message.
             * @member {string} message
             * @memberof algotrader.v1.Alert
             * @instance
             */
            Alert.prototype.message = "";

            /**
             * Alert labels.
             * @member {Object.<string,string>} labels
             * @memberof algotrader.v1.Alert
             * @instance
             */
            Alert.prototype.labels = $util.emptyObject;

            /**
             * Alert timeMs.
             * @member {number} timeMs
             * @memberof algotrader.v1.Alert
             * @instance
             */
            Alert.prototype.timeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Alert dedupeKey.
             * @member {string} dedupeKey
             * @memberof algotrader.v1.Alert
             * @instance
             */
            Alert.prototype.dedupeKey = "";

            /**
             * Creates a new Alert instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.Alert
             * @static
             * @param {algotrader.v1.Alert.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.Alert} Alert instance
             * @type {{
             *   (properties: algotrader.v1.Alert.$Shape): algotrader.v1.Alert & algotrader.v1.Alert.$Shape;
             *   (properties?: algotrader.v1.Alert.$Properties): algotrader.v1.Alert;
             * }}
             */
            Alert.create = function(properties) {
                return new Alert(properties);
            };

            /**
             * Encodes the specified Alert message. Does not implicitly {@link algotrader.v1.Alert.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.Alert
             * @static
             * @param {algotrader.v1.Alert.$Properties} m Alert message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Alert.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.severity != null && $Object.hasOwnProperty.call(m, "severity") && m.severity !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).int32(m.severity);
                if (m.source != null && $Object.hasOwnProperty.call(m, "source") && m.source !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.source);
                if (m.code != null && $Object.hasOwnProperty.call(m, "code") && m.code !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.code);
                if (m.message != null && $Object.hasOwnProperty.call(m, "message") && m.message !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.message);
                if (m.labels != null && $Object.hasOwnProperty.call(m, "labels")) {
                    for (var ks = $Object.keys(m.labels), i = 0; i < ks.length; ++i) {
                        w.uint32(/* id 5, wireType 2 =*/42).fork().uint32(/* id 1, wireType 2 =*/10).string(ks[i]).uint32(/* id 2, wireType 2 =*/18).string(m.labels[ks[i]]).ldelim();
                    }
                }
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs") && (typeof m.timeMs === "object" ? m.timeMs.low || m.timeMs.high : m.timeMs !== 0))
                    w.uint32(/* id 6, wireType 0 =*/48).int64(m.timeMs);
                if (m.dedupeKey != null && $Object.hasOwnProperty.call(m, "dedupeKey") && m.dedupeKey !== "")
                    w.uint32(/* id 7, wireType 2 =*/58).string(m.dedupeKey);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Alert message, length delimited. Does not implicitly {@link algotrader.v1.Alert.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.Alert
             * @static
             * @param {algotrader.v1.Alert.$Properties} message Alert message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Alert.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an Alert message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.Alert
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.Alert & algotrader.v1.Alert.$Shape} Alert
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Alert.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, k, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.Alert();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.severity = v;
                            else
                                delete m.severity;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.source = v;
                            else
                                delete m.source;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.code = v;
                            else
                                delete m.code;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.message = v;
                            else
                                delete m.message;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if (m.labels === $util.emptyObject)
                                m.labels = {};
                            var c2 = r.size() + r.pos;
                            if (c2 > r.len)
                                throw $RangeError("index out of range");
                            r.len = c2;
                            k = "";
                            v = "";
                            while (r.pos < c2) {
                                var t2 = r.tag();
                                u = t2 & 7;
                                switch (t2 >>>= 3) {
                                case 1:
                                    if (u !== 2)
                                        break;
                                    k = r.stringVerify();
                                    continue;
                                case 2:
                                    if (u !== 2)
                                        break;
                                    v = r.stringVerify();
                                    continue;
                                }
                                r.skipType(u, q, t2);
                            }
                            if (r.pos !== c2)
                                throw $RangeError("index out of range");
                            r.len = c;
                            if (k === "__proto__")
                                $util.makeProp(m.labels, k);
                            m.labels[k] = v;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.timeMs = v;
                            else
                                delete m.timeMs;
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.dedupeKey = v;
                            else
                                delete m.dedupeKey;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an Alert message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.Alert
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.Alert & algotrader.v1.Alert.$Shape} Alert
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Alert.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an Alert message.
             * @function verify
             * @memberof algotrader.v1.Alert
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Alert.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.severity != null && $Object.hasOwnProperty.call(m, "severity")) {
                    if (typeof m.severity !== "number" || (m.severity | 0) !== m.severity)
                        return "severity: enum value expected";
                }
                if (m.source != null && $Object.hasOwnProperty.call(m, "source")) {
                    if (!$util.isString(m.source))
                        return "source: string expected";
                }
                if (m.code != null && $Object.hasOwnProperty.call(m, "code")) {
                    if (!$util.isString(m.code))
                        return "code: string expected";
                }
                if (m.message != null && $Object.hasOwnProperty.call(m, "message")) {
                    if (!$util.isString(m.message))
                        return "message: string expected";
                }
                if (m.labels != null && $Object.hasOwnProperty.call(m, "labels")) {
                    if (!$util.isObject(m.labels))
                        return "labels: object expected";
                    var k = $Object.keys(m.labels);
                    for (var i = 0; i < k.length; ++i) {
                        if (!$util.isString(m.labels[k[i]]))
                            return "labels: string{k:string} expected";
                    }
                }
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs")) {
                    if (!$util.isInteger(m.timeMs) && !(m.timeMs && $util.isInteger(m.timeMs.low) && $util.isInteger(m.timeMs.high)))
                        return "timeMs: integer|Long expected";
                }
                if (m.dedupeKey != null && $Object.hasOwnProperty.call(m, "dedupeKey")) {
                    if (!$util.isString(m.dedupeKey))
                        return "dedupeKey: string expected";
                }
                return null;
            };

            /**
             * Creates an Alert message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.Alert
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.Alert} Alert
             */
            Alert.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.Alert)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.Alert: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.Alert();
                if (d.severity !== 0 && (typeof d.severity !== "string" || $root.algotrader.v1.Severity[d.severity] !== 0)) {
                    switch (d.severity) {
                    case "SEVERITY_UNSPECIFIED":
                    case 0:
                        m.severity = 0;
                        break;
                    case "SEVERITY_INFO":
                    case 1:
                        m.severity = 1;
                        break;
                    case "SEVERITY_WARNING":
                    case 2:
                        m.severity = 2;
                        break;
                    case "SEVERITY_CRITICAL":
                    case 3:
                        m.severity = 3;
                        break;
                    default:
                        if (typeof d.severity === "number" && (d.severity | 0) === d.severity)
                            m.severity = d.severity;
                    }
                }
                if (d.source != null) {
                    if (typeof d.source !== "string" || d.source.length) {
                        m.source = $String(d.source);
                    }
                }
                if (d.code != null) {
                    if (typeof d.code !== "string" || d.code.length) {
                        m.code = $String(d.code);
                    }
                }
                if (d.message != null) {
                    if (typeof d.message !== "string" || d.message.length) {
                        m.message = $String(d.message);
                    }
                }
                if (d.labels) {
                    if (!$util.isObject(d.labels))
                        throw $TypeError(".algotrader.v1.Alert.labels: object expected");
                    m.labels = {};
                    for (var ks = $Object.keys(d.labels), i = 0; i < ks.length; ++i) {
                        if (ks[i] === "__proto__")
                            $util.makeProp(m.labels, ks[i]);
                        m.labels[ks[i]] = $String(d.labels[ks[i]]);
                    }
                }
                if (d.timeMs != null) {
                    if (typeof d.timeMs === "object" ? d.timeMs.low || d.timeMs.high : $Number(d.timeMs) !== 0) {
                        if ($util.Long)
                            m.timeMs = $util.Long.fromValue(d.timeMs, false);
                        else if (typeof d.timeMs === "string")
                            m.timeMs = $parseInt(d.timeMs, 10);
                        else if (typeof d.timeMs === "number")
                            m.timeMs = d.timeMs;
                        else if (typeof d.timeMs === "object")
                            m.timeMs = new $util.LongBits(d.timeMs.low >>> 0, d.timeMs.high >>> 0).toNumber();
                    }
                }
                if (d.dedupeKey != null) {
                    if (typeof d.dedupeKey !== "string" || d.dedupeKey.length) {
                        m.dedupeKey = $String(d.dedupeKey);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an Alert message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.Alert
             * @static
             * @param {algotrader.v1.Alert} m Alert
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Alert.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.objects || o.defaults) {
                    d.labels = {};
                }
                if (o.defaults) {
                    d.severity = o.enums === $String ? "SEVERITY_UNSPECIFIED" : 0;
                    d.source = "";
                    d.code = "";
                    d.message = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.timeMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.timeMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.dedupeKey = "";
                }
                if (m.severity != null && $Object.hasOwnProperty.call(m, "severity")) {
                    d.severity = o.enums === $String ? $root.algotrader.v1.Severity[m.severity] === $undefined ? m.severity : $root.algotrader.v1.Severity[m.severity] : m.severity;
                }
                if (m.source != null && $Object.hasOwnProperty.call(m, "source")) {
                    d.source = m.source;
                }
                if (m.code != null && $Object.hasOwnProperty.call(m, "code")) {
                    d.code = m.code;
                }
                if (m.message != null && $Object.hasOwnProperty.call(m, "message")) {
                    d.message = m.message;
                }
                var ks2;
                if (m.labels && (ks2 = $Object.keys(m.labels)).length) {
                    d.labels = {};
                    for (var j = 0; j < ks2.length; ++j) {
                        if (ks2[j] === "__proto__")
                            $util.makeProp(d.labels, ks2[j]);
                        d.labels[ks2[j]] = m.labels[ks2[j]];
                    }
                }
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.timeMs = typeof m.timeMs === "number" ? $BigInt(m.timeMs) : $util.Long.fromBits(m.timeMs.low >>> 0, m.timeMs.high >>> 0, false).toBigInt();
                    else if (typeof m.timeMs === "number")
                        d.timeMs = o.longs === $String ? $String(m.timeMs) : m.timeMs;
                    else
                        d.timeMs = o.longs === $String ? $util.Long.prototype.toString.call(m.timeMs) : o.longs === $Number ? new $util.LongBits(m.timeMs.low >>> 0, m.timeMs.high >>> 0).toNumber() : m.timeMs;
                }
                if (m.dedupeKey != null && $Object.hasOwnProperty.call(m, "dedupeKey")) {
                    d.dedupeKey = m.dedupeKey;
                }
                return d;
            };

            /**
             * Converts this Alert to JSON.
             * @function toJSON
             * @memberof algotrader.v1.Alert
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Alert.prototype.toJSON = function() {
                return Alert.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Alert
             * @function getTypeUrl
             * @memberof algotrader.v1.Alert
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Alert.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.Alert";
            };

            return Alert;
        })();

        v1.Heartbeat = (function() {

            /**
             * Properties of a Heartbeat.
             * @typedef {Object} algotrader.v1.Heartbeat.$Properties
             * @property {string|null} [service] Heartbeat service
             * @property {string|null} [instance] Heartbeat instance
             * @property {number|null} [timeMs] Heartbeat timeMs
             * @property {number|null} [startedMs] Heartbeat startedMs
             * @property {string|null} [version] Heartbeat version
             * @property {Object.<string,number>|null} [gauges] Heartbeat gauges
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Heartbeat.
             * @memberof algotrader.v1
             * @interface IHeartbeat
             * @augments algotrader.v1.Heartbeat.$Properties
             * @deprecated Use algotrader.v1.Heartbeat.$Properties instead.
             */

            /**
             * Shape of a Heartbeat.
             * @typedef {algotrader.v1.Heartbeat.$Properties} algotrader.v1.Heartbeat.$Shape
             */

            /**
             * Constructs a new Heartbeat.
             * @memberof algotrader.v1
             * @classdesc Represents a Heartbeat.
             * @constructor
             * @param {algotrader.v1.Heartbeat.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Heartbeat = function (p) {
                this.gauges = {};
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Heartbeat service.
             * @member {string} service
             * @memberof algotrader.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.service = "";

            /**
             * Heartbeat instance.
             * @member {string} instance
             * @memberof algotrader.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.instance = "";

            /**
             * Heartbeat timeMs.
             * @member {number} timeMs
             * @memberof algotrader.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.timeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Heartbeat startedMs.
             * @member {number} startedMs
             * @memberof algotrader.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.startedMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Heartbeat version.
             * @member {string} version
             * @memberof algotrader.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.version = "";

            /**
             * Heartbeat gauges.
             * @member {Object.<string,number>} gauges
             * @memberof algotrader.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.gauges = $util.emptyObject;

            /**
             * Creates a new Heartbeat instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.Heartbeat
             * @static
             * @param {algotrader.v1.Heartbeat.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.Heartbeat} Heartbeat instance
             * @type {{
             *   (properties: algotrader.v1.Heartbeat.$Shape): algotrader.v1.Heartbeat & algotrader.v1.Heartbeat.$Shape;
             *   (properties?: algotrader.v1.Heartbeat.$Properties): algotrader.v1.Heartbeat;
             * }}
             */
            Heartbeat.create = function(properties) {
                return new Heartbeat(properties);
            };

            /**
             * Encodes the specified Heartbeat message. Does not implicitly {@link algotrader.v1.Heartbeat.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.Heartbeat
             * @static
             * @param {algotrader.v1.Heartbeat.$Properties} m Heartbeat message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Heartbeat.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.service != null && $Object.hasOwnProperty.call(m, "service") && m.service !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.service);
                if (m.instance != null && $Object.hasOwnProperty.call(m, "instance") && m.instance !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.instance);
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs") && (typeof m.timeMs === "object" ? m.timeMs.low || m.timeMs.high : m.timeMs !== 0))
                    w.uint32(/* id 3, wireType 0 =*/24).int64(m.timeMs);
                if (m.startedMs != null && $Object.hasOwnProperty.call(m, "startedMs") && (typeof m.startedMs === "object" ? m.startedMs.low || m.startedMs.high : m.startedMs !== 0))
                    w.uint32(/* id 4, wireType 0 =*/32).int64(m.startedMs);
                if (m.version != null && $Object.hasOwnProperty.call(m, "version") && m.version !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.version);
                if (m.gauges != null && $Object.hasOwnProperty.call(m, "gauges")) {
                    for (var ks = $Object.keys(m.gauges), i = 0; i < ks.length; ++i) {
                        w.uint32(/* id 6, wireType 2 =*/50).fork().uint32(/* id 1, wireType 2 =*/10).string(ks[i]).uint32(/* id 2, wireType 1 =*/17).double(m.gauges[ks[i]]).ldelim();
                    }
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Heartbeat message, length delimited. Does not implicitly {@link algotrader.v1.Heartbeat.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.Heartbeat
             * @static
             * @param {algotrader.v1.Heartbeat.$Properties} message Heartbeat message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Heartbeat.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Heartbeat message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.Heartbeat
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.Heartbeat & algotrader.v1.Heartbeat.$Shape} Heartbeat
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Heartbeat.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, k, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.Heartbeat();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.service = v;
                            else
                                delete m.service;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.instance = v;
                            else
                                delete m.instance;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.timeMs = v;
                            else
                                delete m.timeMs;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.startedMs = v;
                            else
                                delete m.startedMs;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.version = v;
                            else
                                delete m.version;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if (m.gauges === $util.emptyObject)
                                m.gauges = {};
                            var c2 = r.size() + r.pos;
                            if (c2 > r.len)
                                throw $RangeError("index out of range");
                            r.len = c2;
                            k = "";
                            v = 0;
                            while (r.pos < c2) {
                                var t2 = r.tag();
                                u = t2 & 7;
                                switch (t2 >>>= 3) {
                                case 1:
                                    if (u !== 2)
                                        break;
                                    k = r.stringVerify();
                                    continue;
                                case 2:
                                    if (u !== 1)
                                        break;
                                    v = r.double();
                                    continue;
                                }
                                r.skipType(u, q, t2);
                            }
                            if (r.pos !== c2)
                                throw $RangeError("index out of range");
                            r.len = c;
                            if (k === "__proto__")
                                $util.makeProp(m.gauges, k);
                            m.gauges[k] = v;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Heartbeat message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.Heartbeat
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.Heartbeat & algotrader.v1.Heartbeat.$Shape} Heartbeat
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Heartbeat.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Heartbeat message.
             * @function verify
             * @memberof algotrader.v1.Heartbeat
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Heartbeat.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.service != null && $Object.hasOwnProperty.call(m, "service")) {
                    if (!$util.isString(m.service))
                        return "service: string expected";
                }
                if (m.instance != null && $Object.hasOwnProperty.call(m, "instance")) {
                    if (!$util.isString(m.instance))
                        return "instance: string expected";
                }
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs")) {
                    if (!$util.isInteger(m.timeMs) && !(m.timeMs && $util.isInteger(m.timeMs.low) && $util.isInteger(m.timeMs.high)))
                        return "timeMs: integer|Long expected";
                }
                if (m.startedMs != null && $Object.hasOwnProperty.call(m, "startedMs")) {
                    if (!$util.isInteger(m.startedMs) && !(m.startedMs && $util.isInteger(m.startedMs.low) && $util.isInteger(m.startedMs.high)))
                        return "startedMs: integer|Long expected";
                }
                if (m.version != null && $Object.hasOwnProperty.call(m, "version")) {
                    if (!$util.isString(m.version))
                        return "version: string expected";
                }
                if (m.gauges != null && $Object.hasOwnProperty.call(m, "gauges")) {
                    if (!$util.isObject(m.gauges))
                        return "gauges: object expected";
                    var k = $Object.keys(m.gauges);
                    for (var i = 0; i < k.length; ++i) {
                        if (typeof m.gauges[k[i]] !== "number")
                            return "gauges: number{k:string} expected";
                    }
                }
                return null;
            };

            /**
             * Creates a Heartbeat message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.Heartbeat
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.Heartbeat} Heartbeat
             */
            Heartbeat.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.Heartbeat)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.Heartbeat: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.Heartbeat();
                if (d.service != null) {
                    if (typeof d.service !== "string" || d.service.length) {
                        m.service = $String(d.service);
                    }
                }
                if (d.instance != null) {
                    if (typeof d.instance !== "string" || d.instance.length) {
                        m.instance = $String(d.instance);
                    }
                }
                if (d.timeMs != null) {
                    if (typeof d.timeMs === "object" ? d.timeMs.low || d.timeMs.high : $Number(d.timeMs) !== 0) {
                        if ($util.Long)
                            m.timeMs = $util.Long.fromValue(d.timeMs, false);
                        else if (typeof d.timeMs === "string")
                            m.timeMs = $parseInt(d.timeMs, 10);
                        else if (typeof d.timeMs === "number")
                            m.timeMs = d.timeMs;
                        else if (typeof d.timeMs === "object")
                            m.timeMs = new $util.LongBits(d.timeMs.low >>> 0, d.timeMs.high >>> 0).toNumber();
                    }
                }
                if (d.startedMs != null) {
                    if (typeof d.startedMs === "object" ? d.startedMs.low || d.startedMs.high : $Number(d.startedMs) !== 0) {
                        if ($util.Long)
                            m.startedMs = $util.Long.fromValue(d.startedMs, false);
                        else if (typeof d.startedMs === "string")
                            m.startedMs = $parseInt(d.startedMs, 10);
                        else if (typeof d.startedMs === "number")
                            m.startedMs = d.startedMs;
                        else if (typeof d.startedMs === "object")
                            m.startedMs = new $util.LongBits(d.startedMs.low >>> 0, d.startedMs.high >>> 0).toNumber();
                    }
                }
                if (d.version != null) {
                    if (typeof d.version !== "string" || d.version.length) {
                        m.version = $String(d.version);
                    }
                }
                if (d.gauges) {
                    if (!$util.isObject(d.gauges))
                        throw $TypeError(".algotrader.v1.Heartbeat.gauges: object expected");
                    m.gauges = {};
                    for (var ks = $Object.keys(d.gauges), i = 0; i < ks.length; ++i) {
                        if (ks[i] === "__proto__")
                            $util.makeProp(m.gauges, ks[i]);
                        m.gauges[ks[i]] = $Number(d.gauges[ks[i]]);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Heartbeat message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.Heartbeat
             * @static
             * @param {algotrader.v1.Heartbeat} m Heartbeat
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Heartbeat.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.objects || o.defaults) {
                    d.gauges = {};
                }
                if (o.defaults) {
                    d.service = "";
                    d.instance = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.timeMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.timeMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.startedMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.startedMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.version = "";
                }
                if (m.service != null && $Object.hasOwnProperty.call(m, "service")) {
                    d.service = m.service;
                }
                if (m.instance != null && $Object.hasOwnProperty.call(m, "instance")) {
                    d.instance = m.instance;
                }
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.timeMs = typeof m.timeMs === "number" ? $BigInt(m.timeMs) : $util.Long.fromBits(m.timeMs.low >>> 0, m.timeMs.high >>> 0, false).toBigInt();
                    else if (typeof m.timeMs === "number")
                        d.timeMs = o.longs === $String ? $String(m.timeMs) : m.timeMs;
                    else
                        d.timeMs = o.longs === $String ? $util.Long.prototype.toString.call(m.timeMs) : o.longs === $Number ? new $util.LongBits(m.timeMs.low >>> 0, m.timeMs.high >>> 0).toNumber() : m.timeMs;
                }
                if (m.startedMs != null && $Object.hasOwnProperty.call(m, "startedMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.startedMs = typeof m.startedMs === "number" ? $BigInt(m.startedMs) : $util.Long.fromBits(m.startedMs.low >>> 0, m.startedMs.high >>> 0, false).toBigInt();
                    else if (typeof m.startedMs === "number")
                        d.startedMs = o.longs === $String ? $String(m.startedMs) : m.startedMs;
                    else
                        d.startedMs = o.longs === $String ? $util.Long.prototype.toString.call(m.startedMs) : o.longs === $Number ? new $util.LongBits(m.startedMs.low >>> 0, m.startedMs.high >>> 0).toNumber() : m.startedMs;
                }
                if (m.version != null && $Object.hasOwnProperty.call(m, "version")) {
                    d.version = m.version;
                }
                var ks2;
                if (m.gauges && (ks2 = $Object.keys(m.gauges)).length) {
                    d.gauges = {};
                    for (var j = 0; j < ks2.length; ++j) {
                        if (ks2[j] === "__proto__")
                            $util.makeProp(d.gauges, ks2[j]);
                        d.gauges[ks2[j]] = o.json && !$isFinite(m.gauges[ks2[j]]) ? $String(m.gauges[ks2[j]]) : m.gauges[ks2[j]];
                    }
                }
                return d;
            };

            /**
             * Converts this Heartbeat to JSON.
             * @function toJSON
             * @memberof algotrader.v1.Heartbeat
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Heartbeat.prototype.toJSON = function() {
                return Heartbeat.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Heartbeat
             * @function getTypeUrl
             * @memberof algotrader.v1.Heartbeat
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Heartbeat.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.Heartbeat";
            };

            return Heartbeat;
        })();

        /**
         * ControlAction enum.
         * @name algotrader.v1.ControlAction
         * @enum {number}
         * @property {number} CONTROL_ACTION_UNSPECIFIED=0 CONTROL_ACTION_UNSPECIFIED value
         * @property {number} CONTROL_ACTION_PAUSE_STRATEGY=1 CONTROL_ACTION_PAUSE_STRATEGY value
         * @property {number} CONTROL_ACTION_RESUME_STRATEGY=2 CONTROL_ACTION_RESUME_STRATEGY value
         * @property {number} CONTROL_ACTION_HALT=3 CONTROL_ACTION_HALT value
         * @property {number} CONTROL_ACTION_REDUCE_ONLY=4 CONTROL_ACTION_REDUCE_ONLY value
         * @property {number} CONTROL_ACTION_ACTIVATE=5 CONTROL_ACTION_ACTIVATE value
         */
        v1.ControlAction = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "CONTROL_ACTION_UNSPECIFIED"] = 0;
            values[valuesById[1] = "CONTROL_ACTION_PAUSE_STRATEGY"] = 1;
            values[valuesById[2] = "CONTROL_ACTION_RESUME_STRATEGY"] = 2;
            values[valuesById[3] = "CONTROL_ACTION_HALT"] = 3;
            values[valuesById[4] = "CONTROL_ACTION_REDUCE_ONLY"] = 4;
            values[valuesById[5] = "CONTROL_ACTION_ACTIVATE"] = 5;
            return values;
        })();

        v1.ControlCommand = (function() {

            /**
             * Properties of a ControlCommand.
             * @typedef {Object} algotrader.v1.ControlCommand.$Properties
             * @property {algotrader.v1.ControlAction|null} [action] ControlCommand action
             * @property {string|null} [strategy] ControlCommand strategy
             * @property {string|null} [account] ControlCommand account
             * @property {string|null} [issuedBy] ControlCommand issuedBy
             * @property {string|null} [reason] ControlCommand reason
             * @property {number|null} [timeMs] ControlCommand timeMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ControlCommand.
             * @memberof algotrader.v1
             * @interface IControlCommand
             * @augments algotrader.v1.ControlCommand.$Properties
             * @deprecated Use algotrader.v1.ControlCommand.$Properties instead.
             */

            /**
             * Shape of a ControlCommand.
             * @typedef {algotrader.v1.ControlCommand.$Properties} algotrader.v1.ControlCommand.$Shape
             */

            /**
             * Constructs a new ControlCommand.
             * @memberof algotrader.v1
             * @classdesc Represents a ControlCommand.
             * @constructor
             * @param {algotrader.v1.ControlCommand.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ControlCommand = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ControlCommand action.
             * @member {algotrader.v1.ControlAction} action
             * @memberof algotrader.v1.ControlCommand
             * @instance
             */
            ControlCommand.prototype.action = 0;

            /**
             * ControlCommand strategy.
             * @member {string} strategy
             * @memberof algotrader.v1.ControlCommand
             * @instance
             */
            ControlCommand.prototype.strategy = "";

            /**
             * ControlCommand account.
             * @member {string} account
             * @memberof algotrader.v1.ControlCommand
             * @instance
             */
            ControlCommand.prototype.account = "";

            /**
             * ControlCommand issuedBy.
             * @member {string} issuedBy
             * @memberof algotrader.v1.ControlCommand
             * @instance
             */
            ControlCommand.prototype.issuedBy = "";

            /**
             * ControlCommand reason.
             * @member {string} reason
             * @memberof algotrader.v1.ControlCommand
             * @instance
             */
            ControlCommand.prototype.reason = "";

            /**
             * ControlCommand timeMs.
             * @member {number} timeMs
             * @memberof algotrader.v1.ControlCommand
             * @instance
             */
            ControlCommand.prototype.timeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new ControlCommand instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.ControlCommand
             * @static
             * @param {algotrader.v1.ControlCommand.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.ControlCommand} ControlCommand instance
             * @type {{
             *   (properties: algotrader.v1.ControlCommand.$Shape): algotrader.v1.ControlCommand & algotrader.v1.ControlCommand.$Shape;
             *   (properties?: algotrader.v1.ControlCommand.$Properties): algotrader.v1.ControlCommand;
             * }}
             */
            ControlCommand.create = function(properties) {
                return new ControlCommand(properties);
            };

            /**
             * Encodes the specified ControlCommand message. Does not implicitly {@link algotrader.v1.ControlCommand.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.ControlCommand
             * @static
             * @param {algotrader.v1.ControlCommand.$Properties} m ControlCommand message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ControlCommand.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.action != null && $Object.hasOwnProperty.call(m, "action") && m.action !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).int32(m.action);
                if (m.strategy != null && $Object.hasOwnProperty.call(m, "strategy") && m.strategy !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.strategy);
                if (m.account != null && $Object.hasOwnProperty.call(m, "account") && m.account !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.account);
                if (m.issuedBy != null && $Object.hasOwnProperty.call(m, "issuedBy") && m.issuedBy !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.issuedBy);
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason") && m.reason !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.reason);
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs") && (typeof m.timeMs === "object" ? m.timeMs.low || m.timeMs.high : m.timeMs !== 0))
                    w.uint32(/* id 6, wireType 0 =*/48).int64(m.timeMs);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified ControlCommand message, length delimited. Does not implicitly {@link algotrader.v1.ControlCommand.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.ControlCommand
             * @static
             * @param {algotrader.v1.ControlCommand.$Properties} message ControlCommand message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ControlCommand.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a ControlCommand message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.ControlCommand
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.ControlCommand & algotrader.v1.ControlCommand.$Shape} ControlCommand
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ControlCommand.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.ControlCommand();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.action = v;
                            else
                                delete m.action;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.strategy = v;
                            else
                                delete m.strategy;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.account = v;
                            else
                                delete m.account;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.issuedBy = v;
                            else
                                delete m.issuedBy;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.reason = v;
                            else
                                delete m.reason;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.timeMs = v;
                            else
                                delete m.timeMs;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a ControlCommand message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.ControlCommand
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.ControlCommand & algotrader.v1.ControlCommand.$Shape} ControlCommand
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ControlCommand.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a ControlCommand message.
             * @function verify
             * @memberof algotrader.v1.ControlCommand
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ControlCommand.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.action != null && $Object.hasOwnProperty.call(m, "action")) {
                    if (typeof m.action !== "number" || (m.action | 0) !== m.action)
                        return "action: enum value expected";
                }
                if (m.strategy != null && $Object.hasOwnProperty.call(m, "strategy")) {
                    if (!$util.isString(m.strategy))
                        return "strategy: string expected";
                }
                if (m.account != null && $Object.hasOwnProperty.call(m, "account")) {
                    if (!$util.isString(m.account))
                        return "account: string expected";
                }
                if (m.issuedBy != null && $Object.hasOwnProperty.call(m, "issuedBy")) {
                    if (!$util.isString(m.issuedBy))
                        return "issuedBy: string expected";
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    if (!$util.isString(m.reason))
                        return "reason: string expected";
                }
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs")) {
                    if (!$util.isInteger(m.timeMs) && !(m.timeMs && $util.isInteger(m.timeMs.low) && $util.isInteger(m.timeMs.high)))
                        return "timeMs: integer|Long expected";
                }
                return null;
            };

            /**
             * Creates a ControlCommand message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.ControlCommand
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.ControlCommand} ControlCommand
             */
            ControlCommand.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.ControlCommand)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.ControlCommand: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.ControlCommand();
                if (d.action !== 0 && (typeof d.action !== "string" || $root.algotrader.v1.ControlAction[d.action] !== 0)) {
                    switch (d.action) {
                    case "CONTROL_ACTION_UNSPECIFIED":
                    case 0:
                        m.action = 0;
                        break;
                    case "CONTROL_ACTION_PAUSE_STRATEGY":
                    case 1:
                        m.action = 1;
                        break;
                    case "CONTROL_ACTION_RESUME_STRATEGY":
                    case 2:
                        m.action = 2;
                        break;
                    case "CONTROL_ACTION_HALT":
                    case 3:
                        m.action = 3;
                        break;
                    case "CONTROL_ACTION_REDUCE_ONLY":
                    case 4:
                        m.action = 4;
                        break;
                    case "CONTROL_ACTION_ACTIVATE":
                    case 5:
                        m.action = 5;
                        break;
                    default:
                        if (typeof d.action === "number" && (d.action | 0) === d.action)
                            m.action = d.action;
                    }
                }
                if (d.strategy != null) {
                    if (typeof d.strategy !== "string" || d.strategy.length) {
                        m.strategy = $String(d.strategy);
                    }
                }
                if (d.account != null) {
                    if (typeof d.account !== "string" || d.account.length) {
                        m.account = $String(d.account);
                    }
                }
                if (d.issuedBy != null) {
                    if (typeof d.issuedBy !== "string" || d.issuedBy.length) {
                        m.issuedBy = $String(d.issuedBy);
                    }
                }
                if (d.reason != null) {
                    if (typeof d.reason !== "string" || d.reason.length) {
                        m.reason = $String(d.reason);
                    }
                }
                if (d.timeMs != null) {
                    if (typeof d.timeMs === "object" ? d.timeMs.low || d.timeMs.high : $Number(d.timeMs) !== 0) {
                        if ($util.Long)
                            m.timeMs = $util.Long.fromValue(d.timeMs, false);
                        else if (typeof d.timeMs === "string")
                            m.timeMs = $parseInt(d.timeMs, 10);
                        else if (typeof d.timeMs === "number")
                            m.timeMs = d.timeMs;
                        else if (typeof d.timeMs === "object")
                            m.timeMs = new $util.LongBits(d.timeMs.low >>> 0, d.timeMs.high >>> 0).toNumber();
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a ControlCommand message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.ControlCommand
             * @static
             * @param {algotrader.v1.ControlCommand} m ControlCommand
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ControlCommand.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.action = o.enums === $String ? "CONTROL_ACTION_UNSPECIFIED" : 0;
                    d.strategy = "";
                    d.account = "";
                    d.issuedBy = "";
                    d.reason = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.timeMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.timeMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.action != null && $Object.hasOwnProperty.call(m, "action")) {
                    d.action = o.enums === $String ? $root.algotrader.v1.ControlAction[m.action] === $undefined ? m.action : $root.algotrader.v1.ControlAction[m.action] : m.action;
                }
                if (m.strategy != null && $Object.hasOwnProperty.call(m, "strategy")) {
                    d.strategy = m.strategy;
                }
                if (m.account != null && $Object.hasOwnProperty.call(m, "account")) {
                    d.account = m.account;
                }
                if (m.issuedBy != null && $Object.hasOwnProperty.call(m, "issuedBy")) {
                    d.issuedBy = m.issuedBy;
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    d.reason = m.reason;
                }
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.timeMs = typeof m.timeMs === "number" ? $BigInt(m.timeMs) : $util.Long.fromBits(m.timeMs.low >>> 0, m.timeMs.high >>> 0, false).toBigInt();
                    else if (typeof m.timeMs === "number")
                        d.timeMs = o.longs === $String ? $String(m.timeMs) : m.timeMs;
                    else
                        d.timeMs = o.longs === $String ? $util.Long.prototype.toString.call(m.timeMs) : o.longs === $Number ? new $util.LongBits(m.timeMs.low >>> 0, m.timeMs.high >>> 0).toNumber() : m.timeMs;
                }
                return d;
            };

            /**
             * Converts this ControlCommand to JSON.
             * @function toJSON
             * @memberof algotrader.v1.ControlCommand
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ControlCommand.prototype.toJSON = function() {
                return ControlCommand.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ControlCommand
             * @function getTypeUrl
             * @memberof algotrader.v1.ControlCommand
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ControlCommand.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.ControlCommand";
            };

            return ControlCommand;
        })();

        v1.DeadLetter = (function() {

            /**
             * Properties of a DeadLetter.
             * @typedef {Object} algotrader.v1.DeadLetter.$Properties
             * @property {string|null} [subject] DeadLetter subject
             * @property {string|null} [stream] DeadLetter stream
             * @property {number|null} [streamSeq] DeadLetter streamSeq
             * @property {string|null} [consumer] DeadLetter consumer
             * @property {number|null} [deliveries] DeadLetter deliveries
             * @property {string|null} [reason] DeadLetter reason
             * @property {Uint8Array|null} [payload] DeadLetter payload
             * @property {Object.<string,string>|null} [headers] DeadLetter headers
             * @property {number|null} [timeMs] DeadLetter timeMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DeadLetter.
             * @memberof algotrader.v1
             * @interface IDeadLetter
             * @augments algotrader.v1.DeadLetter.$Properties
             * @deprecated Use algotrader.v1.DeadLetter.$Properties instead.
             */

            /**
             * Shape of a DeadLetter.
             * @typedef {algotrader.v1.DeadLetter.$Properties} algotrader.v1.DeadLetter.$Shape
             */

            /**
             * Constructs a new DeadLetter.
             * @memberof algotrader.v1
             * @classdesc Represents a DeadLetter.
             * @constructor
             * @param {algotrader.v1.DeadLetter.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DeadLetter = function (p) {
                this.headers = {};
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * DeadLetter subject.
             * @member {string} subject
             * @memberof algotrader.v1.DeadLetter
             * @instance
             */
            DeadLetter.prototype.subject = "";

            /**
             * DeadLetter stream.
             * @member {string} stream
             * @memberof algotrader.v1.DeadLetter
             * @instance
             */
            DeadLetter.prototype.stream = "";

            /**
             * DeadLetter streamSeq.
             * @member {number} streamSeq
             * @memberof algotrader.v1.DeadLetter
             * @instance
             */
            DeadLetter.prototype.streamSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * DeadLetter consumer.
             * @member {string} consumer
             * @memberof algotrader.v1.DeadLetter
             * @instance
             */
            DeadLetter.prototype.consumer = "";

            /**
             * DeadLetter deliveries.
             * @member {number} deliveries
             * @memberof algotrader.v1.DeadLetter
             * @instance
             */
            DeadLetter.prototype.deliveries = 0;

            /**
             * DeadLetter reason.
             * @member {string} reason
             * @memberof algotrader.v1.DeadLetter
             * @instance
             */
            DeadLetter.prototype.reason = "";

            /**
             * DeadLetter payload.
             * @member {Uint8Array} payload
             * @memberof algotrader.v1.DeadLetter
             * @instance
             */
            DeadLetter.prototype.payload = $util.newBuffer([]);

            /**
             * DeadLetter headers.
             * @member {Object.<string,string>} headers
             * @memberof algotrader.v1.DeadLetter
             * @instance
             */
            DeadLetter.prototype.headers = $util.emptyObject;

            /**
             * DeadLetter timeMs.
             * @member {number} timeMs
             * @memberof algotrader.v1.DeadLetter
             * @instance
             */
            DeadLetter.prototype.timeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new DeadLetter instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.DeadLetter
             * @static
             * @param {algotrader.v1.DeadLetter.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.DeadLetter} DeadLetter instance
             * @type {{
             *   (properties: algotrader.v1.DeadLetter.$Shape): algotrader.v1.DeadLetter & algotrader.v1.DeadLetter.$Shape;
             *   (properties?: algotrader.v1.DeadLetter.$Properties): algotrader.v1.DeadLetter;
             * }}
             */
            DeadLetter.create = function(properties) {
                return new DeadLetter(properties);
            };

            /**
             * Encodes the specified DeadLetter message. Does not implicitly {@link algotrader.v1.DeadLetter.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.DeadLetter
             * @static
             * @param {algotrader.v1.DeadLetter.$Properties} m DeadLetter message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DeadLetter.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.subject != null && $Object.hasOwnProperty.call(m, "subject") && m.subject !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.subject);
                if (m.stream != null && $Object.hasOwnProperty.call(m, "stream") && m.stream !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.stream);
                if (m.streamSeq != null && $Object.hasOwnProperty.call(m, "streamSeq") && (typeof m.streamSeq === "object" ? m.streamSeq.low || m.streamSeq.high : m.streamSeq !== 0))
                    w.uint32(/* id 3, wireType 0 =*/24).uint64(m.streamSeq);
                if (m.consumer != null && $Object.hasOwnProperty.call(m, "consumer") && m.consumer !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.consumer);
                if (m.deliveries != null && $Object.hasOwnProperty.call(m, "deliveries") && m.deliveries !== 0)
                    w.uint32(/* id 5, wireType 0 =*/40).uint32(m.deliveries);
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason") && m.reason !== "")
                    w.uint32(/* id 6, wireType 2 =*/50).string(m.reason);
                if (m.payload != null && $Object.hasOwnProperty.call(m, "payload") && m.payload.length)
                    w.uint32(/* id 7, wireType 2 =*/58).bytes(m.payload);
                if (m.headers != null && $Object.hasOwnProperty.call(m, "headers")) {
                    for (var ks = $Object.keys(m.headers), i = 0; i < ks.length; ++i) {
                        w.uint32(/* id 8, wireType 2 =*/66).fork().uint32(/* id 1, wireType 2 =*/10).string(ks[i]).uint32(/* id 2, wireType 2 =*/18).string(m.headers[ks[i]]).ldelim();
                    }
                }
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs") && (typeof m.timeMs === "object" ? m.timeMs.low || m.timeMs.high : m.timeMs !== 0))
                    w.uint32(/* id 9, wireType 0 =*/72).int64(m.timeMs);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified DeadLetter message, length delimited. Does not implicitly {@link algotrader.v1.DeadLetter.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.DeadLetter
             * @static
             * @param {algotrader.v1.DeadLetter.$Properties} message DeadLetter message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DeadLetter.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a DeadLetter message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.DeadLetter
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.DeadLetter & algotrader.v1.DeadLetter.$Shape} DeadLetter
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DeadLetter.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, k, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.DeadLetter();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.subject = v;
                            else
                                delete m.subject;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.stream = v;
                            else
                                delete m.stream;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.streamSeq = v;
                            else
                                delete m.streamSeq;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.consumer = v;
                            else
                                delete m.consumer;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.deliveries = v;
                            else
                                delete m.deliveries;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.reason = v;
                            else
                                delete m.reason;
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            if ((v = r.bytes()).length)
                                m.payload = v;
                            else
                                delete m.payload;
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            if (m.headers === $util.emptyObject)
                                m.headers = {};
                            var c2 = r.size() + r.pos;
                            if (c2 > r.len)
                                throw $RangeError("index out of range");
                            r.len = c2;
                            k = "";
                            v = "";
                            while (r.pos < c2) {
                                var t2 = r.tag();
                                u = t2 & 7;
                                switch (t2 >>>= 3) {
                                case 1:
                                    if (u !== 2)
                                        break;
                                    k = r.stringVerify();
                                    continue;
                                case 2:
                                    if (u !== 2)
                                        break;
                                    v = r.stringVerify();
                                    continue;
                                }
                                r.skipType(u, q, t2);
                            }
                            if (r.pos !== c2)
                                throw $RangeError("index out of range");
                            r.len = c;
                            if (k === "__proto__")
                                $util.makeProp(m.headers, k);
                            m.headers[k] = v;
                            continue;
                        }
                    case 9: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.timeMs = v;
                            else
                                delete m.timeMs;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a DeadLetter message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.DeadLetter
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.DeadLetter & algotrader.v1.DeadLetter.$Shape} DeadLetter
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DeadLetter.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a DeadLetter message.
             * @function verify
             * @memberof algotrader.v1.DeadLetter
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            DeadLetter.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.subject != null && $Object.hasOwnProperty.call(m, "subject")) {
                    if (!$util.isString(m.subject))
                        return "subject: string expected";
                }
                if (m.stream != null && $Object.hasOwnProperty.call(m, "stream")) {
                    if (!$util.isString(m.stream))
                        return "stream: string expected";
                }
                if (m.streamSeq != null && $Object.hasOwnProperty.call(m, "streamSeq")) {
                    if (!$util.isInteger(m.streamSeq) && !(m.streamSeq && $util.isInteger(m.streamSeq.low) && $util.isInteger(m.streamSeq.high)))
                        return "streamSeq: integer|Long expected";
                }
                if (m.consumer != null && $Object.hasOwnProperty.call(m, "consumer")) {
                    if (!$util.isString(m.consumer))
                        return "consumer: string expected";
                }
                if (m.deliveries != null && $Object.hasOwnProperty.call(m, "deliveries")) {
                    if (!$util.isInteger(m.deliveries))
                        return "deliveries: integer expected";
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    if (!$util.isString(m.reason))
                        return "reason: string expected";
                }
                if (m.payload != null && $Object.hasOwnProperty.call(m, "payload")) {
                    if (!(m.payload && typeof m.payload.length === "number" || $util.isString(m.payload)))
                        return "payload: buffer expected";
                }
                if (m.headers != null && $Object.hasOwnProperty.call(m, "headers")) {
                    if (!$util.isObject(m.headers))
                        return "headers: object expected";
                    var k = $Object.keys(m.headers);
                    for (var i = 0; i < k.length; ++i) {
                        if (!$util.isString(m.headers[k[i]]))
                            return "headers: string{k:string} expected";
                    }
                }
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs")) {
                    if (!$util.isInteger(m.timeMs) && !(m.timeMs && $util.isInteger(m.timeMs.low) && $util.isInteger(m.timeMs.high)))
                        return "timeMs: integer|Long expected";
                }
                return null;
            };

            /**
             * Creates a DeadLetter message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.DeadLetter
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.DeadLetter} DeadLetter
             */
            DeadLetter.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.DeadLetter)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.DeadLetter: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.DeadLetter();
                if (d.subject != null) {
                    if (typeof d.subject !== "string" || d.subject.length) {
                        m.subject = $String(d.subject);
                    }
                }
                if (d.stream != null) {
                    if (typeof d.stream !== "string" || d.stream.length) {
                        m.stream = $String(d.stream);
                    }
                }
                if (d.streamSeq != null) {
                    if (typeof d.streamSeq === "object" ? d.streamSeq.low || d.streamSeq.high : $Number(d.streamSeq) !== 0) {
                        if ($util.Long)
                            m.streamSeq = $util.Long.fromValue(d.streamSeq, true);
                        else if (typeof d.streamSeq === "string")
                            m.streamSeq = $parseInt(d.streamSeq, 10);
                        else if (typeof d.streamSeq === "number")
                            m.streamSeq = d.streamSeq;
                        else if (typeof d.streamSeq === "object")
                            m.streamSeq = new $util.LongBits(d.streamSeq.low >>> 0, d.streamSeq.high >>> 0).toNumber(true);
                    }
                }
                if (d.consumer != null) {
                    if (typeof d.consumer !== "string" || d.consumer.length) {
                        m.consumer = $String(d.consumer);
                    }
                }
                if (d.deliveries != null) {
                    if ($Number(d.deliveries) !== 0) {
                        m.deliveries = d.deliveries >>> 0;
                    }
                }
                if (d.reason != null) {
                    if (typeof d.reason !== "string" || d.reason.length) {
                        m.reason = $String(d.reason);
                    }
                }
                if (d.payload != null) {
                    if (d.payload.length) {
                        if (typeof d.payload === "string")
                            $util.base64.decode(d.payload, m.payload = $util.newBuffer($util.base64.length(d.payload)), 0);
                        else if (d.payload.length >= 0)
                            m.payload = d.payload;
                    }
                }
                if (d.headers) {
                    if (!$util.isObject(d.headers))
                        throw $TypeError(".algotrader.v1.DeadLetter.headers: object expected");
                    m.headers = {};
                    for (var ks = $Object.keys(d.headers), i = 0; i < ks.length; ++i) {
                        if (ks[i] === "__proto__")
                            $util.makeProp(m.headers, ks[i]);
                        m.headers[ks[i]] = $String(d.headers[ks[i]]);
                    }
                }
                if (d.timeMs != null) {
                    if (typeof d.timeMs === "object" ? d.timeMs.low || d.timeMs.high : $Number(d.timeMs) !== 0) {
                        if ($util.Long)
                            m.timeMs = $util.Long.fromValue(d.timeMs, false);
                        else if (typeof d.timeMs === "string")
                            m.timeMs = $parseInt(d.timeMs, 10);
                        else if (typeof d.timeMs === "number")
                            m.timeMs = d.timeMs;
                        else if (typeof d.timeMs === "object")
                            m.timeMs = new $util.LongBits(d.timeMs.low >>> 0, d.timeMs.high >>> 0).toNumber();
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a DeadLetter message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.DeadLetter
             * @static
             * @param {algotrader.v1.DeadLetter} m DeadLetter
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            DeadLetter.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.objects || o.defaults) {
                    d.headers = {};
                }
                if (o.defaults) {
                    d.subject = "";
                    d.stream = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.streamSeq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.streamSeq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.consumer = "";
                    d.deliveries = 0;
                    d.reason = "";
                    if (o.bytes === $String)
                        d.payload = "";
                    else {
                        d.payload = [];
                        if (o.bytes !== $Array)
                            d.payload = $util.newBuffer(d.payload);
                    }
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.timeMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.timeMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.subject != null && $Object.hasOwnProperty.call(m, "subject")) {
                    d.subject = m.subject;
                }
                if (m.stream != null && $Object.hasOwnProperty.call(m, "stream")) {
                    d.stream = m.stream;
                }
                if (m.streamSeq != null && $Object.hasOwnProperty.call(m, "streamSeq")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.streamSeq = typeof m.streamSeq === "number" ? $BigInt(m.streamSeq) : $util.Long.fromBits(m.streamSeq.low >>> 0, m.streamSeq.high >>> 0, true).toBigInt();
                    else if (typeof m.streamSeq === "number")
                        d.streamSeq = o.longs === $String ? $String(m.streamSeq) : m.streamSeq;
                    else
                        d.streamSeq = o.longs === $String ? $util.Long.prototype.toString.call(m.streamSeq) : o.longs === $Number ? new $util.LongBits(m.streamSeq.low >>> 0, m.streamSeq.high >>> 0).toNumber(true) : m.streamSeq;
                }
                if (m.consumer != null && $Object.hasOwnProperty.call(m, "consumer")) {
                    d.consumer = m.consumer;
                }
                if (m.deliveries != null && $Object.hasOwnProperty.call(m, "deliveries")) {
                    d.deliveries = m.deliveries;
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    d.reason = m.reason;
                }
                if (m.payload != null && $Object.hasOwnProperty.call(m, "payload")) {
                    d.payload = o.bytes === $String ? $util.base64.encode(m.payload, 0, m.payload.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.payload) : m.payload;
                }
                var ks2;
                if (m.headers && (ks2 = $Object.keys(m.headers)).length) {
                    d.headers = {};
                    for (var j = 0; j < ks2.length; ++j) {
                        if (ks2[j] === "__proto__")
                            $util.makeProp(d.headers, ks2[j]);
                        d.headers[ks2[j]] = m.headers[ks2[j]];
                    }
                }
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.timeMs = typeof m.timeMs === "number" ? $BigInt(m.timeMs) : $util.Long.fromBits(m.timeMs.low >>> 0, m.timeMs.high >>> 0, false).toBigInt();
                    else if (typeof m.timeMs === "number")
                        d.timeMs = o.longs === $String ? $String(m.timeMs) : m.timeMs;
                    else
                        d.timeMs = o.longs === $String ? $util.Long.prototype.toString.call(m.timeMs) : o.longs === $Number ? new $util.LongBits(m.timeMs.low >>> 0, m.timeMs.high >>> 0).toNumber() : m.timeMs;
                }
                return d;
            };

            /**
             * Converts this DeadLetter to JSON.
             * @function toJSON
             * @memberof algotrader.v1.DeadLetter
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            DeadLetter.prototype.toJSON = function() {
                return DeadLetter.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for DeadLetter
             * @function getTypeUrl
             * @memberof algotrader.v1.DeadLetter
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DeadLetter.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.DeadLetter";
            };

            return DeadLetter;
        })();

        /**
         * TradingState enum.
         * @name algotrader.v1.TradingState
         * @enum {number}
         * @property {number} TRADING_STATE_UNSPECIFIED=0 TRADING_STATE_UNSPECIFIED value
         * @property {number} TRADING_STATE_ACTIVE=1 TRADING_STATE_ACTIVE value
         * @property {number} TRADING_STATE_HALTED=2 TRADING_STATE_HALTED value
         * @property {number} TRADING_STATE_REDUCING=3 TRADING_STATE_REDUCING value
         */
        v1.TradingState = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "TRADING_STATE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "TRADING_STATE_ACTIVE"] = 1;
            values[valuesById[2] = "TRADING_STATE_HALTED"] = 2;
            values[valuesById[3] = "TRADING_STATE_REDUCING"] = 3;
            return values;
        })();

        v1.ControlState = (function() {

            /**
             * Properties of a ControlState.
             * @typedef {Object} algotrader.v1.ControlState.$Properties
             * @property {string|null} [account] ControlState account
             * @property {algotrader.v1.TradingState|null} [state] ControlState state
             * @property {Array.<string>|null} [pausedStrategies] ControlState pausedStrategies
             * @property {string|null} [reason] ControlState reason
             * @property {number|null} [updatedMs] ControlState updatedMs
             * @property {string|null} [updatedBy] ControlState updatedBy
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ControlState.
             * @memberof algotrader.v1
             * @interface IControlState
             * @augments algotrader.v1.ControlState.$Properties
             * @deprecated Use algotrader.v1.ControlState.$Properties instead.
             */

            /**
             * Shape of a ControlState.
             * @typedef {algotrader.v1.ControlState.$Properties} algotrader.v1.ControlState.$Shape
             */

            /**
             * Constructs a new ControlState.
             * @memberof algotrader.v1
             * @classdesc Represents a ControlState.
             * @constructor
             * @param {algotrader.v1.ControlState.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ControlState = function (p) {
                this.pausedStrategies = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ControlState account.
             * @member {string} account
             * @memberof algotrader.v1.ControlState
             * @instance
             */
            ControlState.prototype.account = "";

            /**
             * ControlState state.
             * @member {algotrader.v1.TradingState} state
             * @memberof algotrader.v1.ControlState
             * @instance
             */
            ControlState.prototype.state = 0;

            /**
             * ControlState pausedStrategies.
             * @member {Array.<string>} pausedStrategies
             * @memberof algotrader.v1.ControlState
             * @instance
             */
            ControlState.prototype.pausedStrategies = $util.emptyArray;

            /**
             * ControlState reason.
             * @member {string} reason
             * @memberof algotrader.v1.ControlState
             * @instance
             */
            ControlState.prototype.reason = "";

            /**
             * ControlState updatedMs.
             * @member {number} updatedMs
             * @memberof algotrader.v1.ControlState
             * @instance
             */
            ControlState.prototype.updatedMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * ControlState updatedBy.
             * @member {string} updatedBy
             * @memberof algotrader.v1.ControlState
             * @instance
             */
            ControlState.prototype.updatedBy = "";

            /**
             * Creates a new ControlState instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.ControlState
             * @static
             * @param {algotrader.v1.ControlState.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.ControlState} ControlState instance
             * @type {{
             *   (properties: algotrader.v1.ControlState.$Shape): algotrader.v1.ControlState & algotrader.v1.ControlState.$Shape;
             *   (properties?: algotrader.v1.ControlState.$Properties): algotrader.v1.ControlState;
             * }}
             */
            ControlState.create = function(properties) {
                return new ControlState(properties);
            };

            /**
             * Encodes the specified ControlState message. Does not implicitly {@link algotrader.v1.ControlState.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.ControlState
             * @static
             * @param {algotrader.v1.ControlState.$Properties} m ControlState message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ControlState.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.account != null && $Object.hasOwnProperty.call(m, "account") && m.account !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.account);
                if (m.state != null && $Object.hasOwnProperty.call(m, "state") && m.state !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).int32(m.state);
                if (m.pausedStrategies != null && m.pausedStrategies.length) {
                    for (var i = 0; i < m.pausedStrategies.length; ++i)
                        w.uint32(/* id 3, wireType 2 =*/26).string(m.pausedStrategies[i]);
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason") && m.reason !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.reason);
                if (m.updatedMs != null && $Object.hasOwnProperty.call(m, "updatedMs") && (typeof m.updatedMs === "object" ? m.updatedMs.low || m.updatedMs.high : m.updatedMs !== 0))
                    w.uint32(/* id 5, wireType 0 =*/40).int64(m.updatedMs);
                if (m.updatedBy != null && $Object.hasOwnProperty.call(m, "updatedBy") && m.updatedBy !== "")
                    w.uint32(/* id 6, wireType 2 =*/50).string(m.updatedBy);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified ControlState message, length delimited. Does not implicitly {@link algotrader.v1.ControlState.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.ControlState
             * @static
             * @param {algotrader.v1.ControlState.$Properties} message ControlState message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ControlState.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a ControlState message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.ControlState
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.ControlState & algotrader.v1.ControlState.$Shape} ControlState
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ControlState.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.ControlState();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.account = v;
                            else
                                delete m.account;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.state = v;
                            else
                                delete m.state;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if (!(m.pausedStrategies && m.pausedStrategies.length))
                                m.pausedStrategies = [];
                            m.pausedStrategies.push(r.stringVerify());
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.reason = v;
                            else
                                delete m.reason;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.updatedMs = v;
                            else
                                delete m.updatedMs;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.updatedBy = v;
                            else
                                delete m.updatedBy;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a ControlState message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.ControlState
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.ControlState & algotrader.v1.ControlState.$Shape} ControlState
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ControlState.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a ControlState message.
             * @function verify
             * @memberof algotrader.v1.ControlState
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ControlState.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.account != null && $Object.hasOwnProperty.call(m, "account")) {
                    if (!$util.isString(m.account))
                        return "account: string expected";
                }
                if (m.state != null && $Object.hasOwnProperty.call(m, "state")) {
                    if (typeof m.state !== "number" || (m.state | 0) !== m.state)
                        return "state: enum value expected";
                }
                if (m.pausedStrategies != null && $Object.hasOwnProperty.call(m, "pausedStrategies")) {
                    if (!$Array.isArray(m.pausedStrategies))
                        return "pausedStrategies: array expected";
                    for (var i = 0; i < m.pausedStrategies.length; ++i) {
                        if (!$util.isString(m.pausedStrategies[i]))
                            return "pausedStrategies: string[] expected";
                    }
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    if (!$util.isString(m.reason))
                        return "reason: string expected";
                }
                if (m.updatedMs != null && $Object.hasOwnProperty.call(m, "updatedMs")) {
                    if (!$util.isInteger(m.updatedMs) && !(m.updatedMs && $util.isInteger(m.updatedMs.low) && $util.isInteger(m.updatedMs.high)))
                        return "updatedMs: integer|Long expected";
                }
                if (m.updatedBy != null && $Object.hasOwnProperty.call(m, "updatedBy")) {
                    if (!$util.isString(m.updatedBy))
                        return "updatedBy: string expected";
                }
                return null;
            };

            /**
             * Creates a ControlState message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.ControlState
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.ControlState} ControlState
             */
            ControlState.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.ControlState)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.ControlState: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.ControlState();
                if (d.account != null) {
                    if (typeof d.account !== "string" || d.account.length) {
                        m.account = $String(d.account);
                    }
                }
                if (d.state !== 0 && (typeof d.state !== "string" || $root.algotrader.v1.TradingState[d.state] !== 0)) {
                    switch (d.state) {
                    case "TRADING_STATE_UNSPECIFIED":
                    case 0:
                        m.state = 0;
                        break;
                    case "TRADING_STATE_ACTIVE":
                    case 1:
                        m.state = 1;
                        break;
                    case "TRADING_STATE_HALTED":
                    case 2:
                        m.state = 2;
                        break;
                    case "TRADING_STATE_REDUCING":
                    case 3:
                        m.state = 3;
                        break;
                    default:
                        if (typeof d.state === "number" && (d.state | 0) === d.state)
                            m.state = d.state;
                    }
                }
                if (d.pausedStrategies) {
                    if (!$Array.isArray(d.pausedStrategies))
                        throw $TypeError(".algotrader.v1.ControlState.pausedStrategies: array expected");
                    m.pausedStrategies = $Array(d.pausedStrategies.length);
                    for (var i = 0; i < d.pausedStrategies.length; ++i) {
                        m.pausedStrategies[i] = $String(d.pausedStrategies[i]);
                    }
                }
                if (d.reason != null) {
                    if (typeof d.reason !== "string" || d.reason.length) {
                        m.reason = $String(d.reason);
                    }
                }
                if (d.updatedMs != null) {
                    if (typeof d.updatedMs === "object" ? d.updatedMs.low || d.updatedMs.high : $Number(d.updatedMs) !== 0) {
                        if ($util.Long)
                            m.updatedMs = $util.Long.fromValue(d.updatedMs, false);
                        else if (typeof d.updatedMs === "string")
                            m.updatedMs = $parseInt(d.updatedMs, 10);
                        else if (typeof d.updatedMs === "number")
                            m.updatedMs = d.updatedMs;
                        else if (typeof d.updatedMs === "object")
                            m.updatedMs = new $util.LongBits(d.updatedMs.low >>> 0, d.updatedMs.high >>> 0).toNumber();
                    }
                }
                if (d.updatedBy != null) {
                    if (typeof d.updatedBy !== "string" || d.updatedBy.length) {
                        m.updatedBy = $String(d.updatedBy);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a ControlState message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.ControlState
             * @static
             * @param {algotrader.v1.ControlState} m ControlState
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ControlState.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.pausedStrategies = [];
                }
                if (o.defaults) {
                    d.account = "";
                    d.state = o.enums === $String ? "TRADING_STATE_UNSPECIFIED" : 0;
                    d.reason = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.updatedMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.updatedMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.updatedBy = "";
                }
                if (m.account != null && $Object.hasOwnProperty.call(m, "account")) {
                    d.account = m.account;
                }
                if (m.state != null && $Object.hasOwnProperty.call(m, "state")) {
                    d.state = o.enums === $String ? $root.algotrader.v1.TradingState[m.state] === $undefined ? m.state : $root.algotrader.v1.TradingState[m.state] : m.state;
                }
                if (m.pausedStrategies && m.pausedStrategies.length) {
                    d.pausedStrategies = $Array(m.pausedStrategies.length);
                    for (var j = 0; j < m.pausedStrategies.length; ++j) {
                        d.pausedStrategies[j] = m.pausedStrategies[j];
                    }
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    d.reason = m.reason;
                }
                if (m.updatedMs != null && $Object.hasOwnProperty.call(m, "updatedMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.updatedMs = typeof m.updatedMs === "number" ? $BigInt(m.updatedMs) : $util.Long.fromBits(m.updatedMs.low >>> 0, m.updatedMs.high >>> 0, false).toBigInt();
                    else if (typeof m.updatedMs === "number")
                        d.updatedMs = o.longs === $String ? $String(m.updatedMs) : m.updatedMs;
                    else
                        d.updatedMs = o.longs === $String ? $util.Long.prototype.toString.call(m.updatedMs) : o.longs === $Number ? new $util.LongBits(m.updatedMs.low >>> 0, m.updatedMs.high >>> 0).toNumber() : m.updatedMs;
                }
                if (m.updatedBy != null && $Object.hasOwnProperty.call(m, "updatedBy")) {
                    d.updatedBy = m.updatedBy;
                }
                return d;
            };

            /**
             * Converts this ControlState to JSON.
             * @function toJSON
             * @memberof algotrader.v1.ControlState
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ControlState.prototype.toJSON = function() {
                return ControlState.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ControlState
             * @function getTypeUrl
             * @memberof algotrader.v1.ControlState
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ControlState.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.ControlState";
            };

            return ControlState;
        })();

        v1.StoreCompactRequest = (function() {

            /**
             * Properties of a StoreCompactRequest.
             * @typedef {Object} algotrader.v1.StoreCompactRequest.$Properties
             * @property {string|null} [job] StoreCompactRequest job
             * @property {number|null} [scheduledMs] StoreCompactRequest scheduledMs
             * @property {string|null} [requestedBy] StoreCompactRequest requestedBy
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a StoreCompactRequest.
             * @memberof algotrader.v1
             * @interface IStoreCompactRequest
             * @augments algotrader.v1.StoreCompactRequest.$Properties
             * @deprecated Use algotrader.v1.StoreCompactRequest.$Properties instead.
             */

            /**
             * Shape of a StoreCompactRequest.
             * @typedef {algotrader.v1.StoreCompactRequest.$Properties} algotrader.v1.StoreCompactRequest.$Shape
             */

            /**
             * Constructs a new StoreCompactRequest.
             * @memberof algotrader.v1
             * @classdesc Represents a StoreCompactRequest.
             * @constructor
             * @param {algotrader.v1.StoreCompactRequest.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const StoreCompactRequest = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * StoreCompactRequest job.
             * @member {string} job
             * @memberof algotrader.v1.StoreCompactRequest
             * @instance
             */
            StoreCompactRequest.prototype.job = "";

            /**
             * StoreCompactRequest scheduledMs.
             * @member {number} scheduledMs
             * @memberof algotrader.v1.StoreCompactRequest
             * @instance
             */
            StoreCompactRequest.prototype.scheduledMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * StoreCompactRequest requestedBy.
             * @member {string} requestedBy
             * @memberof algotrader.v1.StoreCompactRequest
             * @instance
             */
            StoreCompactRequest.prototype.requestedBy = "";

            /**
             * Creates a new StoreCompactRequest instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.StoreCompactRequest
             * @static
             * @param {algotrader.v1.StoreCompactRequest.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.StoreCompactRequest} StoreCompactRequest instance
             * @type {{
             *   (properties: algotrader.v1.StoreCompactRequest.$Shape): algotrader.v1.StoreCompactRequest & algotrader.v1.StoreCompactRequest.$Shape;
             *   (properties?: algotrader.v1.StoreCompactRequest.$Properties): algotrader.v1.StoreCompactRequest;
             * }}
             */
            StoreCompactRequest.create = function(properties) {
                return new StoreCompactRequest(properties);
            };

            /**
             * Encodes the specified StoreCompactRequest message. Does not implicitly {@link algotrader.v1.StoreCompactRequest.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.StoreCompactRequest
             * @static
             * @param {algotrader.v1.StoreCompactRequest.$Properties} m StoreCompactRequest message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StoreCompactRequest.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.job != null && $Object.hasOwnProperty.call(m, "job") && m.job !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.job);
                if (m.scheduledMs != null && $Object.hasOwnProperty.call(m, "scheduledMs") && (typeof m.scheduledMs === "object" ? m.scheduledMs.low || m.scheduledMs.high : m.scheduledMs !== 0))
                    w.uint32(/* id 2, wireType 0 =*/16).int64(m.scheduledMs);
                if (m.requestedBy != null && $Object.hasOwnProperty.call(m, "requestedBy") && m.requestedBy !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.requestedBy);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified StoreCompactRequest message, length delimited. Does not implicitly {@link algotrader.v1.StoreCompactRequest.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.StoreCompactRequest
             * @static
             * @param {algotrader.v1.StoreCompactRequest.$Properties} message StoreCompactRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StoreCompactRequest.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a StoreCompactRequest message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.StoreCompactRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.StoreCompactRequest & algotrader.v1.StoreCompactRequest.$Shape} StoreCompactRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StoreCompactRequest.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.StoreCompactRequest();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.job = v;
                            else
                                delete m.job;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.scheduledMs = v;
                            else
                                delete m.scheduledMs;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.requestedBy = v;
                            else
                                delete m.requestedBy;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a StoreCompactRequest message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.StoreCompactRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.StoreCompactRequest & algotrader.v1.StoreCompactRequest.$Shape} StoreCompactRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StoreCompactRequest.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a StoreCompactRequest message.
             * @function verify
             * @memberof algotrader.v1.StoreCompactRequest
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            StoreCompactRequest.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.job != null && $Object.hasOwnProperty.call(m, "job")) {
                    if (!$util.isString(m.job))
                        return "job: string expected";
                }
                if (m.scheduledMs != null && $Object.hasOwnProperty.call(m, "scheduledMs")) {
                    if (!$util.isInteger(m.scheduledMs) && !(m.scheduledMs && $util.isInteger(m.scheduledMs.low) && $util.isInteger(m.scheduledMs.high)))
                        return "scheduledMs: integer|Long expected";
                }
                if (m.requestedBy != null && $Object.hasOwnProperty.call(m, "requestedBy")) {
                    if (!$util.isString(m.requestedBy))
                        return "requestedBy: string expected";
                }
                return null;
            };

            /**
             * Creates a StoreCompactRequest message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.StoreCompactRequest
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.StoreCompactRequest} StoreCompactRequest
             */
            StoreCompactRequest.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.StoreCompactRequest)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.StoreCompactRequest: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.StoreCompactRequest();
                if (d.job != null) {
                    if (typeof d.job !== "string" || d.job.length) {
                        m.job = $String(d.job);
                    }
                }
                if (d.scheduledMs != null) {
                    if (typeof d.scheduledMs === "object" ? d.scheduledMs.low || d.scheduledMs.high : $Number(d.scheduledMs) !== 0) {
                        if ($util.Long)
                            m.scheduledMs = $util.Long.fromValue(d.scheduledMs, false);
                        else if (typeof d.scheduledMs === "string")
                            m.scheduledMs = $parseInt(d.scheduledMs, 10);
                        else if (typeof d.scheduledMs === "number")
                            m.scheduledMs = d.scheduledMs;
                        else if (typeof d.scheduledMs === "object")
                            m.scheduledMs = new $util.LongBits(d.scheduledMs.low >>> 0, d.scheduledMs.high >>> 0).toNumber();
                    }
                }
                if (d.requestedBy != null) {
                    if (typeof d.requestedBy !== "string" || d.requestedBy.length) {
                        m.requestedBy = $String(d.requestedBy);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a StoreCompactRequest message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.StoreCompactRequest
             * @static
             * @param {algotrader.v1.StoreCompactRequest} m StoreCompactRequest
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            StoreCompactRequest.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.job = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.scheduledMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.scheduledMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.requestedBy = "";
                }
                if (m.job != null && $Object.hasOwnProperty.call(m, "job")) {
                    d.job = m.job;
                }
                if (m.scheduledMs != null && $Object.hasOwnProperty.call(m, "scheduledMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.scheduledMs = typeof m.scheduledMs === "number" ? $BigInt(m.scheduledMs) : $util.Long.fromBits(m.scheduledMs.low >>> 0, m.scheduledMs.high >>> 0, false).toBigInt();
                    else if (typeof m.scheduledMs === "number")
                        d.scheduledMs = o.longs === $String ? $String(m.scheduledMs) : m.scheduledMs;
                    else
                        d.scheduledMs = o.longs === $String ? $util.Long.prototype.toString.call(m.scheduledMs) : o.longs === $Number ? new $util.LongBits(m.scheduledMs.low >>> 0, m.scheduledMs.high >>> 0).toNumber() : m.scheduledMs;
                }
                if (m.requestedBy != null && $Object.hasOwnProperty.call(m, "requestedBy")) {
                    d.requestedBy = m.requestedBy;
                }
                return d;
            };

            /**
             * Converts this StoreCompactRequest to JSON.
             * @function toJSON
             * @memberof algotrader.v1.StoreCompactRequest
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            StoreCompactRequest.prototype.toJSON = function() {
                return StoreCompactRequest.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for StoreCompactRequest
             * @function getTypeUrl
             * @memberof algotrader.v1.StoreCompactRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            StoreCompactRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.StoreCompactRequest";
            };

            return StoreCompactRequest;
        })();

        v1.StoreCompactReply = (function() {

            /**
             * Properties of a StoreCompactReply.
             * @typedef {Object} algotrader.v1.StoreCompactReply.$Properties
             * @property {boolean|null} [ok] StoreCompactReply ok
             * @property {string|null} [error] StoreCompactReply error
             * @property {number|null} [partitions] StoreCompactReply partitions
             * @property {number|null} [filesBefore] StoreCompactReply filesBefore
             * @property {number|null} [filesAfter] StoreCompactReply filesAfter
             * @property {number|null} [rows] StoreCompactReply rows
             * @property {number|null} [durationMs] StoreCompactReply durationMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a StoreCompactReply.
             * @memberof algotrader.v1
             * @interface IStoreCompactReply
             * @augments algotrader.v1.StoreCompactReply.$Properties
             * @deprecated Use algotrader.v1.StoreCompactReply.$Properties instead.
             */

            /**
             * Shape of a StoreCompactReply.
             * @typedef {algotrader.v1.StoreCompactReply.$Properties} algotrader.v1.StoreCompactReply.$Shape
             */

            /**
             * Constructs a new StoreCompactReply.
             * @memberof algotrader.v1
             * @classdesc Represents a StoreCompactReply.
             * @constructor
             * @param {algotrader.v1.StoreCompactReply.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const StoreCompactReply = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * StoreCompactReply ok.
             * @member {boolean} ok
             * @memberof algotrader.v1.StoreCompactReply
             * @instance
             */
            StoreCompactReply.prototype.ok = false;

            /**
             * StoreCompactReply error.
             * @member {string} error
             * @memberof algotrader.v1.StoreCompactReply
             * @instance
             */
            StoreCompactReply.prototype.error = "";

            /**
             * StoreCompactReply partitions.
             * @member {number} partitions
             * @memberof algotrader.v1.StoreCompactReply
             * @instance
             */
            StoreCompactReply.prototype.partitions = 0;

            /**
             * StoreCompactReply filesBefore.
             * @member {number} filesBefore
             * @memberof algotrader.v1.StoreCompactReply
             * @instance
             */
            StoreCompactReply.prototype.filesBefore = 0;

            /**
             * StoreCompactReply filesAfter.
             * @member {number} filesAfter
             * @memberof algotrader.v1.StoreCompactReply
             * @instance
             */
            StoreCompactReply.prototype.filesAfter = 0;

            /**
             * StoreCompactReply rows.
             * @member {number} rows
             * @memberof algotrader.v1.StoreCompactReply
             * @instance
             */
            StoreCompactReply.prototype.rows = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * StoreCompactReply durationMs.
             * @member {number} durationMs
             * @memberof algotrader.v1.StoreCompactReply
             * @instance
             */
            StoreCompactReply.prototype.durationMs = 0;

            /**
             * Creates a new StoreCompactReply instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.StoreCompactReply
             * @static
             * @param {algotrader.v1.StoreCompactReply.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.StoreCompactReply} StoreCompactReply instance
             * @type {{
             *   (properties: algotrader.v1.StoreCompactReply.$Shape): algotrader.v1.StoreCompactReply & algotrader.v1.StoreCompactReply.$Shape;
             *   (properties?: algotrader.v1.StoreCompactReply.$Properties): algotrader.v1.StoreCompactReply;
             * }}
             */
            StoreCompactReply.create = function(properties) {
                return new StoreCompactReply(properties);
            };

            /**
             * Encodes the specified StoreCompactReply message. Does not implicitly {@link algotrader.v1.StoreCompactReply.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.StoreCompactReply
             * @static
             * @param {algotrader.v1.StoreCompactReply.$Properties} m StoreCompactReply message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StoreCompactReply.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.ok != null && $Object.hasOwnProperty.call(m, "ok") && m.ok !== false)
                    w.uint32(/* id 1, wireType 0 =*/8).bool(m.ok);
                if (m.error != null && $Object.hasOwnProperty.call(m, "error") && m.error !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.error);
                if (m.partitions != null && $Object.hasOwnProperty.call(m, "partitions") && m.partitions !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).uint32(m.partitions);
                if (m.filesBefore != null && $Object.hasOwnProperty.call(m, "filesBefore") && m.filesBefore !== 0)
                    w.uint32(/* id 4, wireType 0 =*/32).uint32(m.filesBefore);
                if (m.filesAfter != null && $Object.hasOwnProperty.call(m, "filesAfter") && m.filesAfter !== 0)
                    w.uint32(/* id 5, wireType 0 =*/40).uint32(m.filesAfter);
                if (m.rows != null && $Object.hasOwnProperty.call(m, "rows") && (typeof m.rows === "object" ? m.rows.low || m.rows.high : m.rows !== 0))
                    w.uint32(/* id 6, wireType 0 =*/48).uint64(m.rows);
                if (m.durationMs != null && $Object.hasOwnProperty.call(m, "durationMs") && m.durationMs !== 0)
                    w.uint32(/* id 7, wireType 0 =*/56).uint32(m.durationMs);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified StoreCompactReply message, length delimited. Does not implicitly {@link algotrader.v1.StoreCompactReply.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.StoreCompactReply
             * @static
             * @param {algotrader.v1.StoreCompactReply.$Properties} message StoreCompactReply message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StoreCompactReply.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a StoreCompactReply message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.StoreCompactReply
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.StoreCompactReply & algotrader.v1.StoreCompactReply.$Shape} StoreCompactReply
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StoreCompactReply.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.StoreCompactReply();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.ok = v;
                            else
                                delete m.ok;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.error = v;
                            else
                                delete m.error;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.partitions = v;
                            else
                                delete m.partitions;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.filesBefore = v;
                            else
                                delete m.filesBefore;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.filesAfter = v;
                            else
                                delete m.filesAfter;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.rows = v;
                            else
                                delete m.rows;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.durationMs = v;
                            else
                                delete m.durationMs;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a StoreCompactReply message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.StoreCompactReply
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.StoreCompactReply & algotrader.v1.StoreCompactReply.$Shape} StoreCompactReply
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StoreCompactReply.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a StoreCompactReply message.
             * @function verify
             * @memberof algotrader.v1.StoreCompactReply
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            StoreCompactReply.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.ok != null && $Object.hasOwnProperty.call(m, "ok")) {
                    if (typeof m.ok !== "boolean")
                        return "ok: boolean expected";
                }
                if (m.error != null && $Object.hasOwnProperty.call(m, "error")) {
                    if (!$util.isString(m.error))
                        return "error: string expected";
                }
                if (m.partitions != null && $Object.hasOwnProperty.call(m, "partitions")) {
                    if (!$util.isInteger(m.partitions))
                        return "partitions: integer expected";
                }
                if (m.filesBefore != null && $Object.hasOwnProperty.call(m, "filesBefore")) {
                    if (!$util.isInteger(m.filesBefore))
                        return "filesBefore: integer expected";
                }
                if (m.filesAfter != null && $Object.hasOwnProperty.call(m, "filesAfter")) {
                    if (!$util.isInteger(m.filesAfter))
                        return "filesAfter: integer expected";
                }
                if (m.rows != null && $Object.hasOwnProperty.call(m, "rows")) {
                    if (!$util.isInteger(m.rows) && !(m.rows && $util.isInteger(m.rows.low) && $util.isInteger(m.rows.high)))
                        return "rows: integer|Long expected";
                }
                if (m.durationMs != null && $Object.hasOwnProperty.call(m, "durationMs")) {
                    if (!$util.isInteger(m.durationMs))
                        return "durationMs: integer expected";
                }
                return null;
            };

            /**
             * Creates a StoreCompactReply message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.StoreCompactReply
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.StoreCompactReply} StoreCompactReply
             */
            StoreCompactReply.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.StoreCompactReply)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.StoreCompactReply: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.StoreCompactReply();
                if (d.ok != null) {
                    if (d.ok) {
                        m.ok = $Boolean(d.ok);
                    }
                }
                if (d.error != null) {
                    if (typeof d.error !== "string" || d.error.length) {
                        m.error = $String(d.error);
                    }
                }
                if (d.partitions != null) {
                    if ($Number(d.partitions) !== 0) {
                        m.partitions = d.partitions >>> 0;
                    }
                }
                if (d.filesBefore != null) {
                    if ($Number(d.filesBefore) !== 0) {
                        m.filesBefore = d.filesBefore >>> 0;
                    }
                }
                if (d.filesAfter != null) {
                    if ($Number(d.filesAfter) !== 0) {
                        m.filesAfter = d.filesAfter >>> 0;
                    }
                }
                if (d.rows != null) {
                    if (typeof d.rows === "object" ? d.rows.low || d.rows.high : $Number(d.rows) !== 0) {
                        if ($util.Long)
                            m.rows = $util.Long.fromValue(d.rows, true);
                        else if (typeof d.rows === "string")
                            m.rows = $parseInt(d.rows, 10);
                        else if (typeof d.rows === "number")
                            m.rows = d.rows;
                        else if (typeof d.rows === "object")
                            m.rows = new $util.LongBits(d.rows.low >>> 0, d.rows.high >>> 0).toNumber(true);
                    }
                }
                if (d.durationMs != null) {
                    if ($Number(d.durationMs) !== 0) {
                        m.durationMs = d.durationMs >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a StoreCompactReply message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.StoreCompactReply
             * @static
             * @param {algotrader.v1.StoreCompactReply} m StoreCompactReply
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            StoreCompactReply.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.ok = false;
                    d.error = "";
                    d.partitions = 0;
                    d.filesBefore = 0;
                    d.filesAfter = 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.rows = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.rows = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.durationMs = 0;
                }
                if (m.ok != null && $Object.hasOwnProperty.call(m, "ok")) {
                    d.ok = m.ok;
                }
                if (m.error != null && $Object.hasOwnProperty.call(m, "error")) {
                    d.error = m.error;
                }
                if (m.partitions != null && $Object.hasOwnProperty.call(m, "partitions")) {
                    d.partitions = m.partitions;
                }
                if (m.filesBefore != null && $Object.hasOwnProperty.call(m, "filesBefore")) {
                    d.filesBefore = m.filesBefore;
                }
                if (m.filesAfter != null && $Object.hasOwnProperty.call(m, "filesAfter")) {
                    d.filesAfter = m.filesAfter;
                }
                if (m.rows != null && $Object.hasOwnProperty.call(m, "rows")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.rows = typeof m.rows === "number" ? $BigInt(m.rows) : $util.Long.fromBits(m.rows.low >>> 0, m.rows.high >>> 0, true).toBigInt();
                    else if (typeof m.rows === "number")
                        d.rows = o.longs === $String ? $String(m.rows) : m.rows;
                    else
                        d.rows = o.longs === $String ? $util.Long.prototype.toString.call(m.rows) : o.longs === $Number ? new $util.LongBits(m.rows.low >>> 0, m.rows.high >>> 0).toNumber(true) : m.rows;
                }
                if (m.durationMs != null && $Object.hasOwnProperty.call(m, "durationMs")) {
                    d.durationMs = m.durationMs;
                }
                return d;
            };

            /**
             * Converts this StoreCompactReply to JSON.
             * @function toJSON
             * @memberof algotrader.v1.StoreCompactReply
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            StoreCompactReply.prototype.toJSON = function() {
                return StoreCompactReply.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for StoreCompactReply
             * @function getTypeUrl
             * @memberof algotrader.v1.StoreCompactReply
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            StoreCompactReply.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.StoreCompactReply";
            };

            return StoreCompactReply;
        })();

        v1.SweepJob = (function() {

            /**
             * Properties of a SweepJob.
             * @typedef {Object} algotrader.v1.SweepJob.$Properties
             * @property {string|null} [sweepId] SweepJob sweepId
             * @property {number|null} [jobId] SweepJob jobId
             * @property {string|null} [strategy] SweepJob strategy
             * @property {string|null} [paramsJson] SweepJob paramsJson
             * @property {string|null} [dataRef] SweepJob dataRef
             * @property {Array.<string>|null} [symbols] SweepJob symbols
             * @property {string|null} [timeframe] SweepJob timeframe
             * @property {number|null} [fromMs] SweepJob fromMs
             * @property {number|null} [toMs] SweepJob toMs
             * @property {string|null} [fillModelJson] SweepJob fillModelJson
             * @property {number|null} [initialCash] SweepJob initialCash
             * @property {string|null} [window] SweepJob window
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SweepJob.
             * @memberof algotrader.v1
             * @interface ISweepJob
             * @augments algotrader.v1.SweepJob.$Properties
             * @deprecated Use algotrader.v1.SweepJob.$Properties instead.
             */

            /**
             * Shape of a SweepJob.
             * @typedef {algotrader.v1.SweepJob.$Properties} algotrader.v1.SweepJob.$Shape
             */

            /**
             * Constructs a new SweepJob.
             * @memberof algotrader.v1
             * @classdesc Represents a SweepJob.
             * @constructor
             * @param {algotrader.v1.SweepJob.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SweepJob = function (p) {
                this.symbols = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SweepJob sweepId.
             * @member {string} sweepId
             * @memberof algotrader.v1.SweepJob
             * @instance
             */
            SweepJob.prototype.sweepId = "";

            /**
             * SweepJob jobId.
             * @member {number} jobId
             * @memberof algotrader.v1.SweepJob
             * @instance
             */
            SweepJob.prototype.jobId = 0;

            /**
             * SweepJob strategy.
             * @member {string} strategy
             * @memberof algotrader.v1.SweepJob
             * @instance
             */
            SweepJob.prototype.strategy = "";

            /**
             * SweepJob paramsJson.
             * @member {string} paramsJson
             * @memberof algotrader.v1.SweepJob
             * @instance
             */
            SweepJob.prototype.paramsJson = "";

            /**
             * SweepJob dataRef.
             * @member {string} dataRef
             * @memberof algotrader.v1.SweepJob
             * @instance
             */
            SweepJob.prototype.dataRef = "";

            /**
             * SweepJob symbols.
             * @member {Array.<string>} symbols
             * @memberof algotrader.v1.SweepJob
             * @instance
             */
            SweepJob.prototype.symbols = $util.emptyArray;

            /**
             * SweepJob timeframe.
             * @member {string} timeframe
             * @memberof algotrader.v1.SweepJob
             * @instance
             */
            SweepJob.prototype.timeframe = "";

            /**
             * SweepJob fromMs.
             * @member {number} fromMs
             * @memberof algotrader.v1.SweepJob
             * @instance
             */
            SweepJob.prototype.fromMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * SweepJob toMs.
             * @member {number} toMs
             * @memberof algotrader.v1.SweepJob
             * @instance
             */
            SweepJob.prototype.toMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * SweepJob fillModelJson.
             * @member {string} fillModelJson
             * @memberof algotrader.v1.SweepJob
             * @instance
             */
            SweepJob.prototype.fillModelJson = "";

            /**
             * SweepJob initialCash.
             * @member {number} initialCash
             * @memberof algotrader.v1.SweepJob
             * @instance
             */
            SweepJob.prototype.initialCash = 0;

            /**
             * SweepJob window.
             * @member {string} window
             * @memberof algotrader.v1.SweepJob
             * @instance
             */
            SweepJob.prototype.window = "";

            /**
             * Creates a new SweepJob instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.SweepJob
             * @static
             * @param {algotrader.v1.SweepJob.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.SweepJob} SweepJob instance
             * @type {{
             *   (properties: algotrader.v1.SweepJob.$Shape): algotrader.v1.SweepJob & algotrader.v1.SweepJob.$Shape;
             *   (properties?: algotrader.v1.SweepJob.$Properties): algotrader.v1.SweepJob;
             * }}
             */
            SweepJob.create = function(properties) {
                return new SweepJob(properties);
            };

            /**
             * Encodes the specified SweepJob message. Does not implicitly {@link algotrader.v1.SweepJob.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.SweepJob
             * @static
             * @param {algotrader.v1.SweepJob.$Properties} m SweepJob message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SweepJob.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.sweepId != null && $Object.hasOwnProperty.call(m, "sweepId") && m.sweepId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.sweepId);
                if (m.jobId != null && $Object.hasOwnProperty.call(m, "jobId") && m.jobId !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.jobId);
                if (m.strategy != null && $Object.hasOwnProperty.call(m, "strategy") && m.strategy !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.strategy);
                if (m.paramsJson != null && $Object.hasOwnProperty.call(m, "paramsJson") && m.paramsJson !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.paramsJson);
                if (m.dataRef != null && $Object.hasOwnProperty.call(m, "dataRef") && m.dataRef !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.dataRef);
                if (m.symbols != null && m.symbols.length) {
                    for (var i = 0; i < m.symbols.length; ++i)
                        w.uint32(/* id 6, wireType 2 =*/50).string(m.symbols[i]);
                }
                if (m.timeframe != null && $Object.hasOwnProperty.call(m, "timeframe") && m.timeframe !== "")
                    w.uint32(/* id 7, wireType 2 =*/58).string(m.timeframe);
                if (m.fromMs != null && $Object.hasOwnProperty.call(m, "fromMs") && (typeof m.fromMs === "object" ? m.fromMs.low || m.fromMs.high : m.fromMs !== 0))
                    w.uint32(/* id 8, wireType 0 =*/64).int64(m.fromMs);
                if (m.toMs != null && $Object.hasOwnProperty.call(m, "toMs") && (typeof m.toMs === "object" ? m.toMs.low || m.toMs.high : m.toMs !== 0))
                    w.uint32(/* id 9, wireType 0 =*/72).int64(m.toMs);
                if (m.fillModelJson != null && $Object.hasOwnProperty.call(m, "fillModelJson") && m.fillModelJson !== "")
                    w.uint32(/* id 10, wireType 2 =*/82).string(m.fillModelJson);
                if (m.initialCash != null && $Object.hasOwnProperty.call(m, "initialCash") && !$Object.is(m.initialCash, 0))
                    w.uint32(/* id 11, wireType 1 =*/89).double(m.initialCash);
                if (m.window != null && $Object.hasOwnProperty.call(m, "window") && m.window !== "")
                    w.uint32(/* id 12, wireType 2 =*/98).string(m.window);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified SweepJob message, length delimited. Does not implicitly {@link algotrader.v1.SweepJob.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.SweepJob
             * @static
             * @param {algotrader.v1.SweepJob.$Properties} message SweepJob message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SweepJob.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a SweepJob message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.SweepJob
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.SweepJob & algotrader.v1.SweepJob.$Shape} SweepJob
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SweepJob.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.SweepJob();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.sweepId = v;
                            else
                                delete m.sweepId;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.jobId = v;
                            else
                                delete m.jobId;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.strategy = v;
                            else
                                delete m.strategy;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.paramsJson = v;
                            else
                                delete m.paramsJson;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.dataRef = v;
                            else
                                delete m.dataRef;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if (!(m.symbols && m.symbols.length))
                                m.symbols = [];
                            m.symbols.push(r.stringVerify());
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.timeframe = v;
                            else
                                delete m.timeframe;
                            continue;
                        }
                    case 8: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.fromMs = v;
                            else
                                delete m.fromMs;
                            continue;
                        }
                    case 9: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.toMs = v;
                            else
                                delete m.toMs;
                            continue;
                        }
                    case 10: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.fillModelJson = v;
                            else
                                delete m.fillModelJson;
                            continue;
                        }
                    case 11: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.initialCash = v;
                            else
                                delete m.initialCash;
                            continue;
                        }
                    case 12: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.window = v;
                            else
                                delete m.window;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a SweepJob message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.SweepJob
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.SweepJob & algotrader.v1.SweepJob.$Shape} SweepJob
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SweepJob.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a SweepJob message.
             * @function verify
             * @memberof algotrader.v1.SweepJob
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            SweepJob.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.sweepId != null && $Object.hasOwnProperty.call(m, "sweepId")) {
                    if (!$util.isString(m.sweepId))
                        return "sweepId: string expected";
                }
                if (m.jobId != null && $Object.hasOwnProperty.call(m, "jobId")) {
                    if (!$util.isInteger(m.jobId))
                        return "jobId: integer expected";
                }
                if (m.strategy != null && $Object.hasOwnProperty.call(m, "strategy")) {
                    if (!$util.isString(m.strategy))
                        return "strategy: string expected";
                }
                if (m.paramsJson != null && $Object.hasOwnProperty.call(m, "paramsJson")) {
                    if (!$util.isString(m.paramsJson))
                        return "paramsJson: string expected";
                }
                if (m.dataRef != null && $Object.hasOwnProperty.call(m, "dataRef")) {
                    if (!$util.isString(m.dataRef))
                        return "dataRef: string expected";
                }
                if (m.symbols != null && $Object.hasOwnProperty.call(m, "symbols")) {
                    if (!$Array.isArray(m.symbols))
                        return "symbols: array expected";
                    for (var i = 0; i < m.symbols.length; ++i) {
                        if (!$util.isString(m.symbols[i]))
                            return "symbols: string[] expected";
                    }
                }
                if (m.timeframe != null && $Object.hasOwnProperty.call(m, "timeframe")) {
                    if (!$util.isString(m.timeframe))
                        return "timeframe: string expected";
                }
                if (m.fromMs != null && $Object.hasOwnProperty.call(m, "fromMs")) {
                    if (!$util.isInteger(m.fromMs) && !(m.fromMs && $util.isInteger(m.fromMs.low) && $util.isInteger(m.fromMs.high)))
                        return "fromMs: integer|Long expected";
                }
                if (m.toMs != null && $Object.hasOwnProperty.call(m, "toMs")) {
                    if (!$util.isInteger(m.toMs) && !(m.toMs && $util.isInteger(m.toMs.low) && $util.isInteger(m.toMs.high)))
                        return "toMs: integer|Long expected";
                }
                if (m.fillModelJson != null && $Object.hasOwnProperty.call(m, "fillModelJson")) {
                    if (!$util.isString(m.fillModelJson))
                        return "fillModelJson: string expected";
                }
                if (m.initialCash != null && $Object.hasOwnProperty.call(m, "initialCash")) {
                    if (typeof m.initialCash !== "number")
                        return "initialCash: number expected";
                }
                if (m.window != null && $Object.hasOwnProperty.call(m, "window")) {
                    if (!$util.isString(m.window))
                        return "window: string expected";
                }
                return null;
            };

            /**
             * Creates a SweepJob message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.SweepJob
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.SweepJob} SweepJob
             */
            SweepJob.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.SweepJob)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.SweepJob: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.SweepJob();
                if (d.sweepId != null) {
                    if (typeof d.sweepId !== "string" || d.sweepId.length) {
                        m.sweepId = $String(d.sweepId);
                    }
                }
                if (d.jobId != null) {
                    if ($Number(d.jobId) !== 0) {
                        m.jobId = d.jobId >>> 0;
                    }
                }
                if (d.strategy != null) {
                    if (typeof d.strategy !== "string" || d.strategy.length) {
                        m.strategy = $String(d.strategy);
                    }
                }
                if (d.paramsJson != null) {
                    if (typeof d.paramsJson !== "string" || d.paramsJson.length) {
                        m.paramsJson = $String(d.paramsJson);
                    }
                }
                if (d.dataRef != null) {
                    if (typeof d.dataRef !== "string" || d.dataRef.length) {
                        m.dataRef = $String(d.dataRef);
                    }
                }
                if (d.symbols) {
                    if (!$Array.isArray(d.symbols))
                        throw $TypeError(".algotrader.v1.SweepJob.symbols: array expected");
                    m.symbols = $Array(d.symbols.length);
                    for (var i = 0; i < d.symbols.length; ++i) {
                        m.symbols[i] = $String(d.symbols[i]);
                    }
                }
                if (d.timeframe != null) {
                    if (typeof d.timeframe !== "string" || d.timeframe.length) {
                        m.timeframe = $String(d.timeframe);
                    }
                }
                if (d.fromMs != null) {
                    if (typeof d.fromMs === "object" ? d.fromMs.low || d.fromMs.high : $Number(d.fromMs) !== 0) {
                        if ($util.Long)
                            m.fromMs = $util.Long.fromValue(d.fromMs, false);
                        else if (typeof d.fromMs === "string")
                            m.fromMs = $parseInt(d.fromMs, 10);
                        else if (typeof d.fromMs === "number")
                            m.fromMs = d.fromMs;
                        else if (typeof d.fromMs === "object")
                            m.fromMs = new $util.LongBits(d.fromMs.low >>> 0, d.fromMs.high >>> 0).toNumber();
                    }
                }
                if (d.toMs != null) {
                    if (typeof d.toMs === "object" ? d.toMs.low || d.toMs.high : $Number(d.toMs) !== 0) {
                        if ($util.Long)
                            m.toMs = $util.Long.fromValue(d.toMs, false);
                        else if (typeof d.toMs === "string")
                            m.toMs = $parseInt(d.toMs, 10);
                        else if (typeof d.toMs === "number")
                            m.toMs = d.toMs;
                        else if (typeof d.toMs === "object")
                            m.toMs = new $util.LongBits(d.toMs.low >>> 0, d.toMs.high >>> 0).toNumber();
                    }
                }
                if (d.fillModelJson != null) {
                    if (typeof d.fillModelJson !== "string" || d.fillModelJson.length) {
                        m.fillModelJson = $String(d.fillModelJson);
                    }
                }
                if (d.initialCash != null) {
                    if (!$Object.is($Number(d.initialCash), 0)) {
                        m.initialCash = $Number(d.initialCash);
                    }
                }
                if (d.window != null) {
                    if (typeof d.window !== "string" || d.window.length) {
                        m.window = $String(d.window);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a SweepJob message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.SweepJob
             * @static
             * @param {algotrader.v1.SweepJob} m SweepJob
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SweepJob.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.symbols = [];
                }
                if (o.defaults) {
                    d.sweepId = "";
                    d.jobId = 0;
                    d.strategy = "";
                    d.paramsJson = "";
                    d.dataRef = "";
                    d.timeframe = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.fromMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.fromMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.toMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.toMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.fillModelJson = "";
                    d.initialCash = 0;
                    d.window = "";
                }
                if (m.sweepId != null && $Object.hasOwnProperty.call(m, "sweepId")) {
                    d.sweepId = m.sweepId;
                }
                if (m.jobId != null && $Object.hasOwnProperty.call(m, "jobId")) {
                    d.jobId = m.jobId;
                }
                if (m.strategy != null && $Object.hasOwnProperty.call(m, "strategy")) {
                    d.strategy = m.strategy;
                }
                if (m.paramsJson != null && $Object.hasOwnProperty.call(m, "paramsJson")) {
                    d.paramsJson = m.paramsJson;
                }
                if (m.dataRef != null && $Object.hasOwnProperty.call(m, "dataRef")) {
                    d.dataRef = m.dataRef;
                }
                if (m.symbols && m.symbols.length) {
                    d.symbols = $Array(m.symbols.length);
                    for (var j = 0; j < m.symbols.length; ++j) {
                        d.symbols[j] = m.symbols[j];
                    }
                }
                if (m.timeframe != null && $Object.hasOwnProperty.call(m, "timeframe")) {
                    d.timeframe = m.timeframe;
                }
                if (m.fromMs != null && $Object.hasOwnProperty.call(m, "fromMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.fromMs = typeof m.fromMs === "number" ? $BigInt(m.fromMs) : $util.Long.fromBits(m.fromMs.low >>> 0, m.fromMs.high >>> 0, false).toBigInt();
                    else if (typeof m.fromMs === "number")
                        d.fromMs = o.longs === $String ? $String(m.fromMs) : m.fromMs;
                    else
                        d.fromMs = o.longs === $String ? $util.Long.prototype.toString.call(m.fromMs) : o.longs === $Number ? new $util.LongBits(m.fromMs.low >>> 0, m.fromMs.high >>> 0).toNumber() : m.fromMs;
                }
                if (m.toMs != null && $Object.hasOwnProperty.call(m, "toMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.toMs = typeof m.toMs === "number" ? $BigInt(m.toMs) : $util.Long.fromBits(m.toMs.low >>> 0, m.toMs.high >>> 0, false).toBigInt();
                    else if (typeof m.toMs === "number")
                        d.toMs = o.longs === $String ? $String(m.toMs) : m.toMs;
                    else
                        d.toMs = o.longs === $String ? $util.Long.prototype.toString.call(m.toMs) : o.longs === $Number ? new $util.LongBits(m.toMs.low >>> 0, m.toMs.high >>> 0).toNumber() : m.toMs;
                }
                if (m.fillModelJson != null && $Object.hasOwnProperty.call(m, "fillModelJson")) {
                    d.fillModelJson = m.fillModelJson;
                }
                if (m.initialCash != null && $Object.hasOwnProperty.call(m, "initialCash")) {
                    d.initialCash = o.json && !$isFinite(m.initialCash) ? $String(m.initialCash) : m.initialCash;
                }
                if (m.window != null && $Object.hasOwnProperty.call(m, "window")) {
                    d.window = m.window;
                }
                return d;
            };

            /**
             * Converts this SweepJob to JSON.
             * @function toJSON
             * @memberof algotrader.v1.SweepJob
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SweepJob.prototype.toJSON = function() {
                return SweepJob.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SweepJob
             * @function getTypeUrl
             * @memberof algotrader.v1.SweepJob
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SweepJob.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.SweepJob";
            };

            return SweepJob;
        })();

        v1.SweepResult = (function() {

            /**
             * Properties of a SweepResult.
             * @typedef {Object} algotrader.v1.SweepResult.$Properties
             * @property {string|null} [sweepId] SweepResult sweepId
             * @property {number|null} [jobId] SweepResult jobId
             * @property {string|null} [paramsJson] SweepResult paramsJson
             * @property {Object.<string,number>|null} [metrics] SweepResult metrics
             * @property {string|null} [error] SweepResult error
             * @property {string|null} [worker] SweepResult worker
             * @property {number|null} [seconds] SweepResult seconds
             * @property {string|null} [window] SweepResult window
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SweepResult.
             * @memberof algotrader.v1
             * @interface ISweepResult
             * @augments algotrader.v1.SweepResult.$Properties
             * @deprecated Use algotrader.v1.SweepResult.$Properties instead.
             */

            /**
             * Shape of a SweepResult.
             * @typedef {algotrader.v1.SweepResult.$Properties} algotrader.v1.SweepResult.$Shape
             */

            /**
             * Constructs a new SweepResult.
             * @memberof algotrader.v1
             * @classdesc Represents a SweepResult.
             * @constructor
             * @param {algotrader.v1.SweepResult.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SweepResult = function (p) {
                this.metrics = {};
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SweepResult sweepId.
             * @member {string} sweepId
             * @memberof algotrader.v1.SweepResult
             * @instance
             */
            SweepResult.prototype.sweepId = "";

            /**
             * SweepResult jobId.
             * @member {number} jobId
             * @memberof algotrader.v1.SweepResult
             * @instance
             */
            SweepResult.prototype.jobId = 0;

            /**
             * SweepResult paramsJson.
             * @member {string} paramsJson
             * @memberof algotrader.v1.SweepResult
             * @instance
             */
            SweepResult.prototype.paramsJson = "";

            /**
             * SweepResult metrics.
             * @member {Object.<string,number>} metrics
             * @memberof algotrader.v1.SweepResult
             * @instance
             */
            SweepResult.prototype.metrics = $util.emptyObject;

            /**
             * SweepResult error.
             * @member {string} error
             * @memberof algotrader.v1.SweepResult
             * @instance
             */
            SweepResult.prototype.error = "";

            /**
             * SweepResult worker.
             * @member {string} worker
             * @memberof algotrader.v1.SweepResult
             * @instance
             */
            SweepResult.prototype.worker = "";

            /**
             * SweepResult seconds.
             * @member {number} seconds
             * @memberof algotrader.v1.SweepResult
             * @instance
             */
            SweepResult.prototype.seconds = 0;

            /**
             * SweepResult window.
             * @member {string} window
             * @memberof algotrader.v1.SweepResult
             * @instance
             */
            SweepResult.prototype.window = "";

            /**
             * Creates a new SweepResult instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.SweepResult
             * @static
             * @param {algotrader.v1.SweepResult.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.SweepResult} SweepResult instance
             * @type {{
             *   (properties: algotrader.v1.SweepResult.$Shape): algotrader.v1.SweepResult & algotrader.v1.SweepResult.$Shape;
             *   (properties?: algotrader.v1.SweepResult.$Properties): algotrader.v1.SweepResult;
             * }}
             */
            SweepResult.create = function(properties) {
                return new SweepResult(properties);
            };

            /**
             * Encodes the specified SweepResult message. Does not implicitly {@link algotrader.v1.SweepResult.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.SweepResult
             * @static
             * @param {algotrader.v1.SweepResult.$Properties} m SweepResult message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SweepResult.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.sweepId != null && $Object.hasOwnProperty.call(m, "sweepId") && m.sweepId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.sweepId);
                if (m.jobId != null && $Object.hasOwnProperty.call(m, "jobId") && m.jobId !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.jobId);
                if (m.paramsJson != null && $Object.hasOwnProperty.call(m, "paramsJson") && m.paramsJson !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.paramsJson);
                if (m.metrics != null && $Object.hasOwnProperty.call(m, "metrics")) {
                    for (var ks = $Object.keys(m.metrics), i = 0; i < ks.length; ++i) {
                        w.uint32(/* id 4, wireType 2 =*/34).fork().uint32(/* id 1, wireType 2 =*/10).string(ks[i]).uint32(/* id 2, wireType 1 =*/17).double(m.metrics[ks[i]]).ldelim();
                    }
                }
                if (m.error != null && $Object.hasOwnProperty.call(m, "error") && m.error !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.error);
                if (m.worker != null && $Object.hasOwnProperty.call(m, "worker") && m.worker !== "")
                    w.uint32(/* id 6, wireType 2 =*/50).string(m.worker);
                if (m.seconds != null && $Object.hasOwnProperty.call(m, "seconds") && !$Object.is(m.seconds, 0))
                    w.uint32(/* id 7, wireType 1 =*/57).double(m.seconds);
                if (m.window != null && $Object.hasOwnProperty.call(m, "window") && m.window !== "")
                    w.uint32(/* id 8, wireType 2 =*/66).string(m.window);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified SweepResult message, length delimited. Does not implicitly {@link algotrader.v1.SweepResult.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.SweepResult
             * @static
             * @param {algotrader.v1.SweepResult.$Properties} message SweepResult message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SweepResult.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a SweepResult message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.SweepResult
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.SweepResult & algotrader.v1.SweepResult.$Shape} SweepResult
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SweepResult.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, k, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.SweepResult();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.sweepId = v;
                            else
                                delete m.sweepId;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.jobId = v;
                            else
                                delete m.jobId;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.paramsJson = v;
                            else
                                delete m.paramsJson;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if (m.metrics === $util.emptyObject)
                                m.metrics = {};
                            var c2 = r.size() + r.pos;
                            if (c2 > r.len)
                                throw $RangeError("index out of range");
                            r.len = c2;
                            k = "";
                            v = 0;
                            while (r.pos < c2) {
                                var t2 = r.tag();
                                u = t2 & 7;
                                switch (t2 >>>= 3) {
                                case 1:
                                    if (u !== 2)
                                        break;
                                    k = r.stringVerify();
                                    continue;
                                case 2:
                                    if (u !== 1)
                                        break;
                                    v = r.double();
                                    continue;
                                }
                                r.skipType(u, q, t2);
                            }
                            if (r.pos !== c2)
                                throw $RangeError("index out of range");
                            r.len = c;
                            if (k === "__proto__")
                                $util.makeProp(m.metrics, k);
                            m.metrics[k] = v;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.error = v;
                            else
                                delete m.error;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.worker = v;
                            else
                                delete m.worker;
                            continue;
                        }
                    case 7: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.seconds = v;
                            else
                                delete m.seconds;
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.window = v;
                            else
                                delete m.window;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a SweepResult message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.SweepResult
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.SweepResult & algotrader.v1.SweepResult.$Shape} SweepResult
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SweepResult.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a SweepResult message.
             * @function verify
             * @memberof algotrader.v1.SweepResult
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            SweepResult.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.sweepId != null && $Object.hasOwnProperty.call(m, "sweepId")) {
                    if (!$util.isString(m.sweepId))
                        return "sweepId: string expected";
                }
                if (m.jobId != null && $Object.hasOwnProperty.call(m, "jobId")) {
                    if (!$util.isInteger(m.jobId))
                        return "jobId: integer expected";
                }
                if (m.paramsJson != null && $Object.hasOwnProperty.call(m, "paramsJson")) {
                    if (!$util.isString(m.paramsJson))
                        return "paramsJson: string expected";
                }
                if (m.metrics != null && $Object.hasOwnProperty.call(m, "metrics")) {
                    if (!$util.isObject(m.metrics))
                        return "metrics: object expected";
                    var k = $Object.keys(m.metrics);
                    for (var i = 0; i < k.length; ++i) {
                        if (typeof m.metrics[k[i]] !== "number")
                            return "metrics: number{k:string} expected";
                    }
                }
                if (m.error != null && $Object.hasOwnProperty.call(m, "error")) {
                    if (!$util.isString(m.error))
                        return "error: string expected";
                }
                if (m.worker != null && $Object.hasOwnProperty.call(m, "worker")) {
                    if (!$util.isString(m.worker))
                        return "worker: string expected";
                }
                if (m.seconds != null && $Object.hasOwnProperty.call(m, "seconds")) {
                    if (typeof m.seconds !== "number")
                        return "seconds: number expected";
                }
                if (m.window != null && $Object.hasOwnProperty.call(m, "window")) {
                    if (!$util.isString(m.window))
                        return "window: string expected";
                }
                return null;
            };

            /**
             * Creates a SweepResult message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.SweepResult
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.SweepResult} SweepResult
             */
            SweepResult.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.SweepResult)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.SweepResult: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.SweepResult();
                if (d.sweepId != null) {
                    if (typeof d.sweepId !== "string" || d.sweepId.length) {
                        m.sweepId = $String(d.sweepId);
                    }
                }
                if (d.jobId != null) {
                    if ($Number(d.jobId) !== 0) {
                        m.jobId = d.jobId >>> 0;
                    }
                }
                if (d.paramsJson != null) {
                    if (typeof d.paramsJson !== "string" || d.paramsJson.length) {
                        m.paramsJson = $String(d.paramsJson);
                    }
                }
                if (d.metrics) {
                    if (!$util.isObject(d.metrics))
                        throw $TypeError(".algotrader.v1.SweepResult.metrics: object expected");
                    m.metrics = {};
                    for (var ks = $Object.keys(d.metrics), i = 0; i < ks.length; ++i) {
                        if (ks[i] === "__proto__")
                            $util.makeProp(m.metrics, ks[i]);
                        m.metrics[ks[i]] = $Number(d.metrics[ks[i]]);
                    }
                }
                if (d.error != null) {
                    if (typeof d.error !== "string" || d.error.length) {
                        m.error = $String(d.error);
                    }
                }
                if (d.worker != null) {
                    if (typeof d.worker !== "string" || d.worker.length) {
                        m.worker = $String(d.worker);
                    }
                }
                if (d.seconds != null) {
                    if (!$Object.is($Number(d.seconds), 0)) {
                        m.seconds = $Number(d.seconds);
                    }
                }
                if (d.window != null) {
                    if (typeof d.window !== "string" || d.window.length) {
                        m.window = $String(d.window);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a SweepResult message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.SweepResult
             * @static
             * @param {algotrader.v1.SweepResult} m SweepResult
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SweepResult.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.objects || o.defaults) {
                    d.metrics = {};
                }
                if (o.defaults) {
                    d.sweepId = "";
                    d.jobId = 0;
                    d.paramsJson = "";
                    d.error = "";
                    d.worker = "";
                    d.seconds = 0;
                    d.window = "";
                }
                if (m.sweepId != null && $Object.hasOwnProperty.call(m, "sweepId")) {
                    d.sweepId = m.sweepId;
                }
                if (m.jobId != null && $Object.hasOwnProperty.call(m, "jobId")) {
                    d.jobId = m.jobId;
                }
                if (m.paramsJson != null && $Object.hasOwnProperty.call(m, "paramsJson")) {
                    d.paramsJson = m.paramsJson;
                }
                var ks2;
                if (m.metrics && (ks2 = $Object.keys(m.metrics)).length) {
                    d.metrics = {};
                    for (var j = 0; j < ks2.length; ++j) {
                        if (ks2[j] === "__proto__")
                            $util.makeProp(d.metrics, ks2[j]);
                        d.metrics[ks2[j]] = o.json && !$isFinite(m.metrics[ks2[j]]) ? $String(m.metrics[ks2[j]]) : m.metrics[ks2[j]];
                    }
                }
                if (m.error != null && $Object.hasOwnProperty.call(m, "error")) {
                    d.error = m.error;
                }
                if (m.worker != null && $Object.hasOwnProperty.call(m, "worker")) {
                    d.worker = m.worker;
                }
                if (m.seconds != null && $Object.hasOwnProperty.call(m, "seconds")) {
                    d.seconds = o.json && !$isFinite(m.seconds) ? $String(m.seconds) : m.seconds;
                }
                if (m.window != null && $Object.hasOwnProperty.call(m, "window")) {
                    d.window = m.window;
                }
                return d;
            };

            /**
             * Converts this SweepResult to JSON.
             * @function toJSON
             * @memberof algotrader.v1.SweepResult
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SweepResult.prototype.toJSON = function() {
                return SweepResult.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SweepResult
             * @function getTypeUrl
             * @memberof algotrader.v1.SweepResult
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SweepResult.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.SweepResult";
            };

            return SweepResult;
        })();

        v1.BookPosition = (function() {

            /**
             * Properties of a BookPosition.
             * @typedef {Object} algotrader.v1.BookPosition.$Properties
             * @property {number|null} [qty] BookPosition qty
             * @property {number|null} [avg] BookPosition avg
             * @property {number|null} [realized] BookPosition realized
             * @property {number|null} [fees] BookPosition fees
             * @property {algotrader.v1.LockedQty.$Properties|null} [locked] BookPosition locked
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a BookPosition.
             * @memberof algotrader.v1
             * @interface IBookPosition
             * @augments algotrader.v1.BookPosition.$Properties
             * @deprecated Use algotrader.v1.BookPosition.$Properties instead.
             */

            /**
             * Shape of a BookPosition.
             * @typedef {algotrader.v1.BookPosition.$Properties} algotrader.v1.BookPosition.$Shape
             */

            /**
             * Constructs a new BookPosition.
             * @memberof algotrader.v1
             * @classdesc Represents a BookPosition.
             * @constructor
             * @param {algotrader.v1.BookPosition.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const BookPosition = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * BookPosition qty.
             * @member {number} qty
             * @memberof algotrader.v1.BookPosition
             * @instance
             */
            BookPosition.prototype.qty = 0;

            /**
             * BookPosition avg.
             * @member {number} avg
             * @memberof algotrader.v1.BookPosition
             * @instance
             */
            BookPosition.prototype.avg = 0;

            /**
             * BookPosition realized.
             * @member {number} realized
             * @memberof algotrader.v1.BookPosition
             * @instance
             */
            BookPosition.prototype.realized = 0;

            /**
             * BookPosition fees.
             * @member {number} fees
             * @memberof algotrader.v1.BookPosition
             * @instance
             */
            BookPosition.prototype.fees = 0;

            /**
             * BookPosition locked.
             * @member {algotrader.v1.LockedQty.$Properties|null|undefined} locked
             * @memberof algotrader.v1.BookPosition
             * @instance
             */
            BookPosition.prototype.locked = null;

            /**
             * Creates a new BookPosition instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.BookPosition
             * @static
             * @param {algotrader.v1.BookPosition.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.BookPosition} BookPosition instance
             * @type {{
             *   (properties: algotrader.v1.BookPosition.$Shape): algotrader.v1.BookPosition & algotrader.v1.BookPosition.$Shape;
             *   (properties?: algotrader.v1.BookPosition.$Properties): algotrader.v1.BookPosition;
             * }}
             */
            BookPosition.create = function(properties) {
                return new BookPosition(properties);
            };

            /**
             * Encodes the specified BookPosition message. Does not implicitly {@link algotrader.v1.BookPosition.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.BookPosition
             * @static
             * @param {algotrader.v1.BookPosition.$Properties} m BookPosition message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            BookPosition.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.qty != null && $Object.hasOwnProperty.call(m, "qty") && !$Object.is(m.qty, 0))
                    w.uint32(/* id 1, wireType 1 =*/9).double(m.qty);
                if (m.avg != null && $Object.hasOwnProperty.call(m, "avg") && !$Object.is(m.avg, 0))
                    w.uint32(/* id 2, wireType 1 =*/17).double(m.avg);
                if (m.realized != null && $Object.hasOwnProperty.call(m, "realized") && !$Object.is(m.realized, 0))
                    w.uint32(/* id 3, wireType 1 =*/25).double(m.realized);
                if (m.fees != null && $Object.hasOwnProperty.call(m, "fees") && !$Object.is(m.fees, 0))
                    w.uint32(/* id 4, wireType 1 =*/33).double(m.fees);
                if (m.locked != null && $Object.hasOwnProperty.call(m, "locked"))
                    $root.algotrader.v1.LockedQty.encode(m.locked, w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified BookPosition message, length delimited. Does not implicitly {@link algotrader.v1.BookPosition.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.BookPosition
             * @static
             * @param {algotrader.v1.BookPosition.$Properties} message BookPosition message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            BookPosition.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a BookPosition message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.BookPosition
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.BookPosition & algotrader.v1.BookPosition.$Shape} BookPosition
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            BookPosition.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.BookPosition();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.qty = v;
                            else
                                delete m.qty;
                            continue;
                        }
                    case 2: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.avg = v;
                            else
                                delete m.avg;
                            continue;
                        }
                    case 3: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.realized = v;
                            else
                                delete m.realized;
                            continue;
                        }
                    case 4: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.fees = v;
                            else
                                delete m.fees;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            m.locked = $root.algotrader.v1.LockedQty.decode(r, r.size(), $undefined, q + 1, m.locked);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a BookPosition message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.BookPosition
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.BookPosition & algotrader.v1.BookPosition.$Shape} BookPosition
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            BookPosition.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a BookPosition message.
             * @function verify
             * @memberof algotrader.v1.BookPosition
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            BookPosition.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.qty != null && $Object.hasOwnProperty.call(m, "qty")) {
                    if (typeof m.qty !== "number")
                        return "qty: number expected";
                }
                if (m.avg != null && $Object.hasOwnProperty.call(m, "avg")) {
                    if (typeof m.avg !== "number")
                        return "avg: number expected";
                }
                if (m.realized != null && $Object.hasOwnProperty.call(m, "realized")) {
                    if (typeof m.realized !== "number")
                        return "realized: number expected";
                }
                if (m.fees != null && $Object.hasOwnProperty.call(m, "fees")) {
                    if (typeof m.fees !== "number")
                        return "fees: number expected";
                }
                if (m.locked != null && $Object.hasOwnProperty.call(m, "locked")) {
                    {
                        var e = $root.algotrader.v1.LockedQty.verify(m.locked, q + 1);
                        if (e)
                            return "locked." + e;
                    }
                }
                return null;
            };

            /**
             * Creates a BookPosition message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.BookPosition
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.BookPosition} BookPosition
             */
            BookPosition.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.BookPosition)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.BookPosition: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.BookPosition();
                if (d.qty != null) {
                    if (!$Object.is($Number(d.qty), 0)) {
                        m.qty = $Number(d.qty);
                    }
                }
                if (d.avg != null) {
                    if (!$Object.is($Number(d.avg), 0)) {
                        m.avg = $Number(d.avg);
                    }
                }
                if (d.realized != null) {
                    if (!$Object.is($Number(d.realized), 0)) {
                        m.realized = $Number(d.realized);
                    }
                }
                if (d.fees != null) {
                    if (!$Object.is($Number(d.fees), 0)) {
                        m.fees = $Number(d.fees);
                    }
                }
                if (d.locked != null) {
                    if (!$util.isObject(d.locked))
                        throw $TypeError(".algotrader.v1.BookPosition.locked: object expected");
                    m.locked = $root.algotrader.v1.LockedQty.fromObject(d.locked, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from a BookPosition message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.BookPosition
             * @static
             * @param {algotrader.v1.BookPosition} m BookPosition
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            BookPosition.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.qty = 0;
                    d.avg = 0;
                    d.realized = 0;
                    d.fees = 0;
                    d.locked = null;
                }
                if (m.qty != null && $Object.hasOwnProperty.call(m, "qty")) {
                    d.qty = o.json && !$isFinite(m.qty) ? $String(m.qty) : m.qty;
                }
                if (m.avg != null && $Object.hasOwnProperty.call(m, "avg")) {
                    d.avg = o.json && !$isFinite(m.avg) ? $String(m.avg) : m.avg;
                }
                if (m.realized != null && $Object.hasOwnProperty.call(m, "realized")) {
                    d.realized = o.json && !$isFinite(m.realized) ? $String(m.realized) : m.realized;
                }
                if (m.fees != null && $Object.hasOwnProperty.call(m, "fees")) {
                    d.fees = o.json && !$isFinite(m.fees) ? $String(m.fees) : m.fees;
                }
                if (m.locked != null && $Object.hasOwnProperty.call(m, "locked")) {
                    d.locked = $root.algotrader.v1.LockedQty.toObject(m.locked, o, q + 1);
                }
                return d;
            };

            /**
             * Converts this BookPosition to JSON.
             * @function toJSON
             * @memberof algotrader.v1.BookPosition
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            BookPosition.prototype.toJSON = function() {
                return BookPosition.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for BookPosition
             * @function getTypeUrl
             * @memberof algotrader.v1.BookPosition
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            BookPosition.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.BookPosition";
            };

            return BookPosition;
        })();

        v1.LockedQty = (function() {

            /**
             * Properties of a LockedQty.
             * @typedef {Object} algotrader.v1.LockedQty.$Properties
             * @property {number|null} [qty] LockedQty qty
             * @property {number|null} [day] LockedQty day
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a LockedQty.
             * @memberof algotrader.v1
             * @interface ILockedQty
             * @augments algotrader.v1.LockedQty.$Properties
             * @deprecated Use algotrader.v1.LockedQty.$Properties instead.
             */

            /**
             * Shape of a LockedQty.
             * @typedef {algotrader.v1.LockedQty.$Properties} algotrader.v1.LockedQty.$Shape
             */

            /**
             * Constructs a new LockedQty.
             * @memberof algotrader.v1
             * @classdesc Represents a LockedQty.
             * @constructor
             * @param {algotrader.v1.LockedQty.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const LockedQty = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * LockedQty qty.
             * @member {number} qty
             * @memberof algotrader.v1.LockedQty
             * @instance
             */
            LockedQty.prototype.qty = 0;

            /**
             * LockedQty day.
             * @member {number} day
             * @memberof algotrader.v1.LockedQty
             * @instance
             */
            LockedQty.prototype.day = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new LockedQty instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.LockedQty
             * @static
             * @param {algotrader.v1.LockedQty.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.LockedQty} LockedQty instance
             * @type {{
             *   (properties: algotrader.v1.LockedQty.$Shape): algotrader.v1.LockedQty & algotrader.v1.LockedQty.$Shape;
             *   (properties?: algotrader.v1.LockedQty.$Properties): algotrader.v1.LockedQty;
             * }}
             */
            LockedQty.create = function(properties) {
                return new LockedQty(properties);
            };

            /**
             * Encodes the specified LockedQty message. Does not implicitly {@link algotrader.v1.LockedQty.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.LockedQty
             * @static
             * @param {algotrader.v1.LockedQty.$Properties} m LockedQty message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            LockedQty.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.qty != null && $Object.hasOwnProperty.call(m, "qty") && !$Object.is(m.qty, 0))
                    w.uint32(/* id 1, wireType 1 =*/9).double(m.qty);
                if (m.day != null && $Object.hasOwnProperty.call(m, "day") && (typeof m.day === "object" ? m.day.low || m.day.high : m.day !== 0))
                    w.uint32(/* id 2, wireType 0 =*/16).int64(m.day);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified LockedQty message, length delimited. Does not implicitly {@link algotrader.v1.LockedQty.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.LockedQty
             * @static
             * @param {algotrader.v1.LockedQty.$Properties} message LockedQty message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            LockedQty.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a LockedQty message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.LockedQty
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.LockedQty & algotrader.v1.LockedQty.$Shape} LockedQty
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            LockedQty.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.LockedQty();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.qty = v;
                            else
                                delete m.qty;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.day = v;
                            else
                                delete m.day;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a LockedQty message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.LockedQty
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.LockedQty & algotrader.v1.LockedQty.$Shape} LockedQty
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            LockedQty.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a LockedQty message.
             * @function verify
             * @memberof algotrader.v1.LockedQty
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            LockedQty.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.qty != null && $Object.hasOwnProperty.call(m, "qty")) {
                    if (typeof m.qty !== "number")
                        return "qty: number expected";
                }
                if (m.day != null && $Object.hasOwnProperty.call(m, "day")) {
                    if (!$util.isInteger(m.day) && !(m.day && $util.isInteger(m.day.low) && $util.isInteger(m.day.high)))
                        return "day: integer|Long expected";
                }
                return null;
            };

            /**
             * Creates a LockedQty message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.LockedQty
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.LockedQty} LockedQty
             */
            LockedQty.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.LockedQty)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.LockedQty: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.LockedQty();
                if (d.qty != null) {
                    if (!$Object.is($Number(d.qty), 0)) {
                        m.qty = $Number(d.qty);
                    }
                }
                if (d.day != null) {
                    if (typeof d.day === "object" ? d.day.low || d.day.high : $Number(d.day) !== 0) {
                        if ($util.Long)
                            m.day = $util.Long.fromValue(d.day, false);
                        else if (typeof d.day === "string")
                            m.day = $parseInt(d.day, 10);
                        else if (typeof d.day === "number")
                            m.day = d.day;
                        else if (typeof d.day === "object")
                            m.day = new $util.LongBits(d.day.low >>> 0, d.day.high >>> 0).toNumber();
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a LockedQty message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.LockedQty
             * @static
             * @param {algotrader.v1.LockedQty} m LockedQty
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            LockedQty.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.qty = 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.day = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.day = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.qty != null && $Object.hasOwnProperty.call(m, "qty")) {
                    d.qty = o.json && !$isFinite(m.qty) ? $String(m.qty) : m.qty;
                }
                if (m.day != null && $Object.hasOwnProperty.call(m, "day")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.day = typeof m.day === "number" ? $BigInt(m.day) : $util.Long.fromBits(m.day.low >>> 0, m.day.high >>> 0, false).toBigInt();
                    else if (typeof m.day === "number")
                        d.day = o.longs === $String ? $String(m.day) : m.day;
                    else
                        d.day = o.longs === $String ? $util.Long.prototype.toString.call(m.day) : o.longs === $Number ? new $util.LongBits(m.day.low >>> 0, m.day.high >>> 0).toNumber() : m.day;
                }
                return d;
            };

            /**
             * Converts this LockedQty to JSON.
             * @function toJSON
             * @memberof algotrader.v1.LockedQty
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            LockedQty.prototype.toJSON = function() {
                return LockedQty.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for LockedQty
             * @function getTypeUrl
             * @memberof algotrader.v1.LockedQty
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            LockedQty.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.LockedQty";
            };

            return LockedQty;
        })();

        v1.AccountBook = (function() {

            /**
             * Properties of an AccountBook.
             * @typedef {Object} algotrader.v1.AccountBook.$Properties
             * @property {number|null} [initialCash] AccountBook initialCash
             * @property {number|null} [cash] AccountBook cash
             * @property {Object.<string,algotrader.v1.BookPosition.$Properties>|null} [positions] AccountBook positions
             * @property {Object.<string,number>|null} [marks] AccountBook marks
             * @property {number|null} [equity] AccountBook equity
             * @property {number|null} [peakEquity] AccountBook peakEquity
             * @property {number|null} [day] AccountBook day
             * @property {number|null} [dayStartEquity] AccountBook dayStartEquity
             * @property {number|null} [valuedAtMs] AccountBook valuedAtMs
             * @property {Object.<string,algotrader.v1.SwapPositionBook.$Properties>|null} [swaps] AccountBook swaps
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an AccountBook.
             * @memberof algotrader.v1
             * @interface IAccountBook
             * @augments algotrader.v1.AccountBook.$Properties
             * @deprecated Use algotrader.v1.AccountBook.$Properties instead.
             */

            /**
             * Shape of an AccountBook.
             * @typedef {algotrader.v1.AccountBook.$Properties} algotrader.v1.AccountBook.$Shape
             */

            /**
             * Constructs a new AccountBook.
             * @memberof algotrader.v1
             * @classdesc Represents an AccountBook.
             * @constructor
             * @param {algotrader.v1.AccountBook.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const AccountBook = function (p) {
                this.positions = {};
                this.marks = {};
                this.swaps = {};
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * AccountBook initialCash.
             * @member {number} initialCash
             * @memberof algotrader.v1.AccountBook
             * @instance
             */
            AccountBook.prototype.initialCash = 0;

            /**
             * AccountBook cash.
             * @member {number} cash
             * @memberof algotrader.v1.AccountBook
             * @instance
             */
            AccountBook.prototype.cash = 0;

            /**
             * AccountBook positions.
             * @member {Object.<string,algotrader.v1.BookPosition.$Properties>} positions
             * @memberof algotrader.v1.AccountBook
             * @instance
             */
            AccountBook.prototype.positions = $util.emptyObject;

            /**
             * AccountBook marks.
             * @member {Object.<string,number>} marks
             * @memberof algotrader.v1.AccountBook
             * @instance
             */
            AccountBook.prototype.marks = $util.emptyObject;

            /**
             * AccountBook equity.
             * @member {number} equity
             * @memberof algotrader.v1.AccountBook
             * @instance
             */
            AccountBook.prototype.equity = 0;

            /**
             * AccountBook peakEquity.
             * @member {number} peakEquity
             * @memberof algotrader.v1.AccountBook
             * @instance
             */
            AccountBook.prototype.peakEquity = 0;

            /**
             * AccountBook day.
             * @member {number} day
             * @memberof algotrader.v1.AccountBook
             * @instance
             */
            AccountBook.prototype.day = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * AccountBook dayStartEquity.
             * @member {number} dayStartEquity
             * @memberof algotrader.v1.AccountBook
             * @instance
             */
            AccountBook.prototype.dayStartEquity = 0;

            /**
             * AccountBook valuedAtMs.
             * @member {number} valuedAtMs
             * @memberof algotrader.v1.AccountBook
             * @instance
             */
            AccountBook.prototype.valuedAtMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * AccountBook swaps.
             * @member {Object.<string,algotrader.v1.SwapPositionBook.$Properties>} swaps
             * @memberof algotrader.v1.AccountBook
             * @instance
             */
            AccountBook.prototype.swaps = $util.emptyObject;

            /**
             * Creates a new AccountBook instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.AccountBook
             * @static
             * @param {algotrader.v1.AccountBook.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.AccountBook} AccountBook instance
             * @type {{
             *   (properties: algotrader.v1.AccountBook.$Shape): algotrader.v1.AccountBook & algotrader.v1.AccountBook.$Shape;
             *   (properties?: algotrader.v1.AccountBook.$Properties): algotrader.v1.AccountBook;
             * }}
             */
            AccountBook.create = function(properties) {
                return new AccountBook(properties);
            };

            /**
             * Encodes the specified AccountBook message. Does not implicitly {@link algotrader.v1.AccountBook.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.AccountBook
             * @static
             * @param {algotrader.v1.AccountBook.$Properties} m AccountBook message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AccountBook.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.initialCash != null && $Object.hasOwnProperty.call(m, "initialCash") && !$Object.is(m.initialCash, 0))
                    w.uint32(/* id 1, wireType 1 =*/9).double(m.initialCash);
                if (m.cash != null && $Object.hasOwnProperty.call(m, "cash") && !$Object.is(m.cash, 0))
                    w.uint32(/* id 2, wireType 1 =*/17).double(m.cash);
                if (m.positions != null && $Object.hasOwnProperty.call(m, "positions")) {
                    for (var ks = $Object.keys(m.positions), i = 0; i < ks.length; ++i) {
                        w.uint32(/* id 3, wireType 2 =*/26).fork().uint32(/* id 1, wireType 2 =*/10).string(ks[i]);
                        $root.algotrader.v1.BookPosition.encode(m.positions[ks[i]], w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim().ldelim();
                    }
                }
                if (m.marks != null && $Object.hasOwnProperty.call(m, "marks")) {
                    for (var ks = $Object.keys(m.marks), i = 0; i < ks.length; ++i) {
                        w.uint32(/* id 4, wireType 2 =*/34).fork().uint32(/* id 1, wireType 2 =*/10).string(ks[i]).uint32(/* id 2, wireType 1 =*/17).double(m.marks[ks[i]]).ldelim();
                    }
                }
                if (m.equity != null && $Object.hasOwnProperty.call(m, "equity") && !$Object.is(m.equity, 0))
                    w.uint32(/* id 5, wireType 1 =*/41).double(m.equity);
                if (m.peakEquity != null && $Object.hasOwnProperty.call(m, "peakEquity") && !$Object.is(m.peakEquity, 0))
                    w.uint32(/* id 6, wireType 1 =*/49).double(m.peakEquity);
                if (m.day != null && $Object.hasOwnProperty.call(m, "day") && (typeof m.day === "object" ? m.day.low || m.day.high : m.day !== 0))
                    w.uint32(/* id 7, wireType 0 =*/56).int64(m.day);
                if (m.dayStartEquity != null && $Object.hasOwnProperty.call(m, "dayStartEquity") && !$Object.is(m.dayStartEquity, 0))
                    w.uint32(/* id 8, wireType 1 =*/65).double(m.dayStartEquity);
                if (m.valuedAtMs != null && $Object.hasOwnProperty.call(m, "valuedAtMs") && (typeof m.valuedAtMs === "object" ? m.valuedAtMs.low || m.valuedAtMs.high : m.valuedAtMs !== 0))
                    w.uint32(/* id 9, wireType 0 =*/72).int64(m.valuedAtMs);
                if (m.swaps != null && $Object.hasOwnProperty.call(m, "swaps")) {
                    for (var ks = $Object.keys(m.swaps), i = 0; i < ks.length; ++i) {
                        w.uint32(/* id 10, wireType 2 =*/82).fork().uint32(/* id 1, wireType 2 =*/10).string(ks[i]);
                        $root.algotrader.v1.SwapPositionBook.encode(m.swaps[ks[i]], w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim().ldelim();
                    }
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified AccountBook message, length delimited. Does not implicitly {@link algotrader.v1.AccountBook.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.AccountBook
             * @static
             * @param {algotrader.v1.AccountBook.$Properties} message AccountBook message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AccountBook.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an AccountBook message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.AccountBook
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.AccountBook & algotrader.v1.AccountBook.$Shape} AccountBook
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AccountBook.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, k, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.AccountBook();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.initialCash = v;
                            else
                                delete m.initialCash;
                            continue;
                        }
                    case 2: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.cash = v;
                            else
                                delete m.cash;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if (m.positions === $util.emptyObject)
                                m.positions = {};
                            var c2 = r.size() + r.pos;
                            if (c2 > r.len)
                                throw $RangeError("index out of range");
                            r.len = c2;
                            k = "";
                            v = null;
                            while (r.pos < c2) {
                                var t2 = r.tag();
                                u = t2 & 7;
                                switch (t2 >>>= 3) {
                                case 1:
                                    if (u !== 2)
                                        break;
                                    k = r.stringVerify();
                                    continue;
                                case 2:
                                    if (u !== 2)
                                        break;
                                    v = $root.algotrader.v1.BookPosition.decode(r, r.size(), $undefined, q + 1, v);
                                    continue;
                                }
                                r.skipType(u, q, t2);
                            }
                            if (r.pos !== c2)
                                throw $RangeError("index out of range");
                            r.len = c;
                            if (k === "__proto__")
                                $util.makeProp(m.positions, k);
                            m.positions[k] = v || new $root.algotrader.v1.BookPosition();
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if (m.marks === $util.emptyObject)
                                m.marks = {};
                            var c2 = r.size() + r.pos;
                            if (c2 > r.len)
                                throw $RangeError("index out of range");
                            r.len = c2;
                            k = "";
                            v = 0;
                            while (r.pos < c2) {
                                var t2 = r.tag();
                                u = t2 & 7;
                                switch (t2 >>>= 3) {
                                case 1:
                                    if (u !== 2)
                                        break;
                                    k = r.stringVerify();
                                    continue;
                                case 2:
                                    if (u !== 1)
                                        break;
                                    v = r.double();
                                    continue;
                                }
                                r.skipType(u, q, t2);
                            }
                            if (r.pos !== c2)
                                throw $RangeError("index out of range");
                            r.len = c;
                            if (k === "__proto__")
                                $util.makeProp(m.marks, k);
                            m.marks[k] = v;
                            continue;
                        }
                    case 5: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.equity = v;
                            else
                                delete m.equity;
                            continue;
                        }
                    case 6: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.peakEquity = v;
                            else
                                delete m.peakEquity;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.day = v;
                            else
                                delete m.day;
                            continue;
                        }
                    case 8: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.dayStartEquity = v;
                            else
                                delete m.dayStartEquity;
                            continue;
                        }
                    case 9: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.valuedAtMs = v;
                            else
                                delete m.valuedAtMs;
                            continue;
                        }
                    case 10: {
                            if (u !== 2)
                                break;
                            if (m.swaps === $util.emptyObject)
                                m.swaps = {};
                            var c2 = r.size() + r.pos;
                            if (c2 > r.len)
                                throw $RangeError("index out of range");
                            r.len = c2;
                            k = "";
                            v = null;
                            while (r.pos < c2) {
                                var t2 = r.tag();
                                u = t2 & 7;
                                switch (t2 >>>= 3) {
                                case 1:
                                    if (u !== 2)
                                        break;
                                    k = r.stringVerify();
                                    continue;
                                case 2:
                                    if (u !== 2)
                                        break;
                                    v = $root.algotrader.v1.SwapPositionBook.decode(r, r.size(), $undefined, q + 1, v);
                                    continue;
                                }
                                r.skipType(u, q, t2);
                            }
                            if (r.pos !== c2)
                                throw $RangeError("index out of range");
                            r.len = c;
                            if (k === "__proto__")
                                $util.makeProp(m.swaps, k);
                            m.swaps[k] = v || new $root.algotrader.v1.SwapPositionBook();
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an AccountBook message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.AccountBook
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.AccountBook & algotrader.v1.AccountBook.$Shape} AccountBook
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AccountBook.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an AccountBook message.
             * @function verify
             * @memberof algotrader.v1.AccountBook
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            AccountBook.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.initialCash != null && $Object.hasOwnProperty.call(m, "initialCash")) {
                    if (typeof m.initialCash !== "number")
                        return "initialCash: number expected";
                }
                if (m.cash != null && $Object.hasOwnProperty.call(m, "cash")) {
                    if (typeof m.cash !== "number")
                        return "cash: number expected";
                }
                if (m.positions != null && $Object.hasOwnProperty.call(m, "positions")) {
                    if (!$util.isObject(m.positions))
                        return "positions: object expected";
                    var k = $Object.keys(m.positions);
                    for (var i = 0; i < k.length; ++i) {
                        {
                            var e = $root.algotrader.v1.BookPosition.verify(m.positions[k[i]], q + 1);
                            if (e)
                                return "positions." + e;
                        }
                    }
                }
                if (m.marks != null && $Object.hasOwnProperty.call(m, "marks")) {
                    if (!$util.isObject(m.marks))
                        return "marks: object expected";
                    var k = $Object.keys(m.marks);
                    for (var i = 0; i < k.length; ++i) {
                        if (typeof m.marks[k[i]] !== "number")
                            return "marks: number{k:string} expected";
                    }
                }
                if (m.equity != null && $Object.hasOwnProperty.call(m, "equity")) {
                    if (typeof m.equity !== "number")
                        return "equity: number expected";
                }
                if (m.peakEquity != null && $Object.hasOwnProperty.call(m, "peakEquity")) {
                    if (typeof m.peakEquity !== "number")
                        return "peakEquity: number expected";
                }
                if (m.day != null && $Object.hasOwnProperty.call(m, "day")) {
                    if (!$util.isInteger(m.day) && !(m.day && $util.isInteger(m.day.low) && $util.isInteger(m.day.high)))
                        return "day: integer|Long expected";
                }
                if (m.dayStartEquity != null && $Object.hasOwnProperty.call(m, "dayStartEquity")) {
                    if (typeof m.dayStartEquity !== "number")
                        return "dayStartEquity: number expected";
                }
                if (m.valuedAtMs != null && $Object.hasOwnProperty.call(m, "valuedAtMs")) {
                    if (!$util.isInteger(m.valuedAtMs) && !(m.valuedAtMs && $util.isInteger(m.valuedAtMs.low) && $util.isInteger(m.valuedAtMs.high)))
                        return "valuedAtMs: integer|Long expected";
                }
                if (m.swaps != null && $Object.hasOwnProperty.call(m, "swaps")) {
                    if (!$util.isObject(m.swaps))
                        return "swaps: object expected";
                    var k = $Object.keys(m.swaps);
                    for (var i = 0; i < k.length; ++i) {
                        {
                            var e = $root.algotrader.v1.SwapPositionBook.verify(m.swaps[k[i]], q + 1);
                            if (e)
                                return "swaps." + e;
                        }
                    }
                }
                return null;
            };

            /**
             * Creates an AccountBook message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.AccountBook
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.AccountBook} AccountBook
             */
            AccountBook.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.AccountBook)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.AccountBook: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.AccountBook();
                if (d.initialCash != null) {
                    if (!$Object.is($Number(d.initialCash), 0)) {
                        m.initialCash = $Number(d.initialCash);
                    }
                }
                if (d.cash != null) {
                    if (!$Object.is($Number(d.cash), 0)) {
                        m.cash = $Number(d.cash);
                    }
                }
                if (d.positions) {
                    if (!$util.isObject(d.positions))
                        throw $TypeError(".algotrader.v1.AccountBook.positions: object expected");
                    m.positions = {};
                    for (var ks = $Object.keys(d.positions), i = 0; i < ks.length; ++i) {
                        if (ks[i] === "__proto__")
                            $util.makeProp(m.positions, ks[i]);
                        if (!$util.isObject(d.positions[ks[i]]))
                            throw $TypeError(".algotrader.v1.AccountBook.positions: object expected");
                        m.positions[ks[i]] = $root.algotrader.v1.BookPosition.fromObject(d.positions[ks[i]], q + 1);
                    }
                }
                if (d.marks) {
                    if (!$util.isObject(d.marks))
                        throw $TypeError(".algotrader.v1.AccountBook.marks: object expected");
                    m.marks = {};
                    for (var ks = $Object.keys(d.marks), i = 0; i < ks.length; ++i) {
                        if (ks[i] === "__proto__")
                            $util.makeProp(m.marks, ks[i]);
                        m.marks[ks[i]] = $Number(d.marks[ks[i]]);
                    }
                }
                if (d.equity != null) {
                    if (!$Object.is($Number(d.equity), 0)) {
                        m.equity = $Number(d.equity);
                    }
                }
                if (d.peakEquity != null) {
                    if (!$Object.is($Number(d.peakEquity), 0)) {
                        m.peakEquity = $Number(d.peakEquity);
                    }
                }
                if (d.day != null) {
                    if (typeof d.day === "object" ? d.day.low || d.day.high : $Number(d.day) !== 0) {
                        if ($util.Long)
                            m.day = $util.Long.fromValue(d.day, false);
                        else if (typeof d.day === "string")
                            m.day = $parseInt(d.day, 10);
                        else if (typeof d.day === "number")
                            m.day = d.day;
                        else if (typeof d.day === "object")
                            m.day = new $util.LongBits(d.day.low >>> 0, d.day.high >>> 0).toNumber();
                    }
                }
                if (d.dayStartEquity != null) {
                    if (!$Object.is($Number(d.dayStartEquity), 0)) {
                        m.dayStartEquity = $Number(d.dayStartEquity);
                    }
                }
                if (d.valuedAtMs != null) {
                    if (typeof d.valuedAtMs === "object" ? d.valuedAtMs.low || d.valuedAtMs.high : $Number(d.valuedAtMs) !== 0) {
                        if ($util.Long)
                            m.valuedAtMs = $util.Long.fromValue(d.valuedAtMs, false);
                        else if (typeof d.valuedAtMs === "string")
                            m.valuedAtMs = $parseInt(d.valuedAtMs, 10);
                        else if (typeof d.valuedAtMs === "number")
                            m.valuedAtMs = d.valuedAtMs;
                        else if (typeof d.valuedAtMs === "object")
                            m.valuedAtMs = new $util.LongBits(d.valuedAtMs.low >>> 0, d.valuedAtMs.high >>> 0).toNumber();
                    }
                }
                if (d.swaps) {
                    if (!$util.isObject(d.swaps))
                        throw $TypeError(".algotrader.v1.AccountBook.swaps: object expected");
                    m.swaps = {};
                    for (var ks = $Object.keys(d.swaps), i = 0; i < ks.length; ++i) {
                        if (ks[i] === "__proto__")
                            $util.makeProp(m.swaps, ks[i]);
                        if (!$util.isObject(d.swaps[ks[i]]))
                            throw $TypeError(".algotrader.v1.AccountBook.swaps: object expected");
                        m.swaps[ks[i]] = $root.algotrader.v1.SwapPositionBook.fromObject(d.swaps[ks[i]], q + 1);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an AccountBook message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.AccountBook
             * @static
             * @param {algotrader.v1.AccountBook} m AccountBook
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            AccountBook.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.objects || o.defaults) {
                    d.positions = {};
                    d.marks = {};
                    d.swaps = {};
                }
                if (o.defaults) {
                    d.initialCash = 0;
                    d.cash = 0;
                    d.equity = 0;
                    d.peakEquity = 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.day = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.day = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.dayStartEquity = 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.valuedAtMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.valuedAtMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.initialCash != null && $Object.hasOwnProperty.call(m, "initialCash")) {
                    d.initialCash = o.json && !$isFinite(m.initialCash) ? $String(m.initialCash) : m.initialCash;
                }
                if (m.cash != null && $Object.hasOwnProperty.call(m, "cash")) {
                    d.cash = o.json && !$isFinite(m.cash) ? $String(m.cash) : m.cash;
                }
                var ks2;
                if (m.positions && (ks2 = $Object.keys(m.positions)).length) {
                    d.positions = {};
                    for (var j = 0; j < ks2.length; ++j) {
                        if (ks2[j] === "__proto__")
                            $util.makeProp(d.positions, ks2[j]);
                        d.positions[ks2[j]] = $root.algotrader.v1.BookPosition.toObject(m.positions[ks2[j]], o, q + 1);
                    }
                }
                if (m.marks && (ks2 = $Object.keys(m.marks)).length) {
                    d.marks = {};
                    for (var j = 0; j < ks2.length; ++j) {
                        if (ks2[j] === "__proto__")
                            $util.makeProp(d.marks, ks2[j]);
                        d.marks[ks2[j]] = o.json && !$isFinite(m.marks[ks2[j]]) ? $String(m.marks[ks2[j]]) : m.marks[ks2[j]];
                    }
                }
                if (m.equity != null && $Object.hasOwnProperty.call(m, "equity")) {
                    d.equity = o.json && !$isFinite(m.equity) ? $String(m.equity) : m.equity;
                }
                if (m.peakEquity != null && $Object.hasOwnProperty.call(m, "peakEquity")) {
                    d.peakEquity = o.json && !$isFinite(m.peakEquity) ? $String(m.peakEquity) : m.peakEquity;
                }
                if (m.day != null && $Object.hasOwnProperty.call(m, "day")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.day = typeof m.day === "number" ? $BigInt(m.day) : $util.Long.fromBits(m.day.low >>> 0, m.day.high >>> 0, false).toBigInt();
                    else if (typeof m.day === "number")
                        d.day = o.longs === $String ? $String(m.day) : m.day;
                    else
                        d.day = o.longs === $String ? $util.Long.prototype.toString.call(m.day) : o.longs === $Number ? new $util.LongBits(m.day.low >>> 0, m.day.high >>> 0).toNumber() : m.day;
                }
                if (m.dayStartEquity != null && $Object.hasOwnProperty.call(m, "dayStartEquity")) {
                    d.dayStartEquity = o.json && !$isFinite(m.dayStartEquity) ? $String(m.dayStartEquity) : m.dayStartEquity;
                }
                if (m.valuedAtMs != null && $Object.hasOwnProperty.call(m, "valuedAtMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.valuedAtMs = typeof m.valuedAtMs === "number" ? $BigInt(m.valuedAtMs) : $util.Long.fromBits(m.valuedAtMs.low >>> 0, m.valuedAtMs.high >>> 0, false).toBigInt();
                    else if (typeof m.valuedAtMs === "number")
                        d.valuedAtMs = o.longs === $String ? $String(m.valuedAtMs) : m.valuedAtMs;
                    else
                        d.valuedAtMs = o.longs === $String ? $util.Long.prototype.toString.call(m.valuedAtMs) : o.longs === $Number ? new $util.LongBits(m.valuedAtMs.low >>> 0, m.valuedAtMs.high >>> 0).toNumber() : m.valuedAtMs;
                }
                if (m.swaps && (ks2 = $Object.keys(m.swaps)).length) {
                    d.swaps = {};
                    for (var j = 0; j < ks2.length; ++j) {
                        if (ks2[j] === "__proto__")
                            $util.makeProp(d.swaps, ks2[j]);
                        d.swaps[ks2[j]] = $root.algotrader.v1.SwapPositionBook.toObject(m.swaps[ks2[j]], o, q + 1);
                    }
                }
                return d;
            };

            /**
             * Converts this AccountBook to JSON.
             * @function toJSON
             * @memberof algotrader.v1.AccountBook
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            AccountBook.prototype.toJSON = function() {
                return AccountBook.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for AccountBook
             * @function getTypeUrl
             * @memberof algotrader.v1.AccountBook
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            AccountBook.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.AccountBook";
            };

            return AccountBook;
        })();

        v1.SwapPositionBook = (function() {

            /**
             * Properties of a SwapPositionBook.
             * @typedef {Object} algotrader.v1.SwapPositionBook.$Properties
             * @property {number|null} [qty] SwapPositionBook qty
             * @property {number|null} [avg] SwapPositionBook avg
             * @property {number|null} [margin] SwapPositionBook margin
             * @property {string|null} [mode] SwapPositionBook mode
             * @property {number|null} [leverage] SwapPositionBook leverage
             * @property {number|null} [realized] SwapPositionBook realized
             * @property {number|null} [fees] SwapPositionBook fees
             * @property {number|null} [funding] SwapPositionBook funding
             * @property {number|null} [liquidationLoss] SwapPositionBook liquidationLoss
             * @property {number|null} [liquidationFees] SwapPositionBook liquidationFees
             * @property {number|null} [liquidations] SwapPositionBook liquidations
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SwapPositionBook.
             * @memberof algotrader.v1
             * @interface ISwapPositionBook
             * @augments algotrader.v1.SwapPositionBook.$Properties
             * @deprecated Use algotrader.v1.SwapPositionBook.$Properties instead.
             */

            /**
             * Shape of a SwapPositionBook.
             * @typedef {algotrader.v1.SwapPositionBook.$Properties} algotrader.v1.SwapPositionBook.$Shape
             */

            /**
             * Constructs a new SwapPositionBook.
             * @memberof algotrader.v1
             * @classdesc Represents a SwapPositionBook.
             * @constructor
             * @param {algotrader.v1.SwapPositionBook.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SwapPositionBook = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SwapPositionBook qty.
             * @member {number} qty
             * @memberof algotrader.v1.SwapPositionBook
             * @instance
             */
            SwapPositionBook.prototype.qty = 0;

            /**
             * SwapPositionBook avg.
             * @member {number} avg
             * @memberof algotrader.v1.SwapPositionBook
             * @instance
             */
            SwapPositionBook.prototype.avg = 0;

            /**
             * SwapPositionBook margin.
             * @member {number} margin
             * @memberof algotrader.v1.SwapPositionBook
             * @instance
             */
            SwapPositionBook.prototype.margin = 0;

            /**
             * SwapPositionBook mode.
             * @member {string} mode
             * @memberof algotrader.v1.SwapPositionBook
             * @instance
             */
            SwapPositionBook.prototype.mode = "";

            /**
             * SwapPositionBook leverage.
             * @member {number} leverage
             * @memberof algotrader.v1.SwapPositionBook
             * @instance
             */
            SwapPositionBook.prototype.leverage = 0;

            /**
             * SwapPositionBook realized.
             * @member {number} realized
             * @memberof algotrader.v1.SwapPositionBook
             * @instance
             */
            SwapPositionBook.prototype.realized = 0;

            /**
             * SwapPositionBook fees.
             * @member {number} fees
             * @memberof algotrader.v1.SwapPositionBook
             * @instance
             */
            SwapPositionBook.prototype.fees = 0;

            /**
             * SwapPositionBook funding.
             * @member {number} funding
             * @memberof algotrader.v1.SwapPositionBook
             * @instance
             */
            SwapPositionBook.prototype.funding = 0;

            /**
             * SwapPositionBook liquidationLoss.
             * @member {number} liquidationLoss
             * @memberof algotrader.v1.SwapPositionBook
             * @instance
             */
            SwapPositionBook.prototype.liquidationLoss = 0;

            /**
             * SwapPositionBook liquidationFees.
             * @member {number} liquidationFees
             * @memberof algotrader.v1.SwapPositionBook
             * @instance
             */
            SwapPositionBook.prototype.liquidationFees = 0;

            /**
             * SwapPositionBook liquidations.
             * @member {number} liquidations
             * @memberof algotrader.v1.SwapPositionBook
             * @instance
             */
            SwapPositionBook.prototype.liquidations = 0;

            /**
             * Creates a new SwapPositionBook instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.SwapPositionBook
             * @static
             * @param {algotrader.v1.SwapPositionBook.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.SwapPositionBook} SwapPositionBook instance
             * @type {{
             *   (properties: algotrader.v1.SwapPositionBook.$Shape): algotrader.v1.SwapPositionBook & algotrader.v1.SwapPositionBook.$Shape;
             *   (properties?: algotrader.v1.SwapPositionBook.$Properties): algotrader.v1.SwapPositionBook;
             * }}
             */
            SwapPositionBook.create = function(properties) {
                return new SwapPositionBook(properties);
            };

            /**
             * Encodes the specified SwapPositionBook message. Does not implicitly {@link algotrader.v1.SwapPositionBook.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.SwapPositionBook
             * @static
             * @param {algotrader.v1.SwapPositionBook.$Properties} m SwapPositionBook message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SwapPositionBook.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.qty != null && $Object.hasOwnProperty.call(m, "qty") && !$Object.is(m.qty, 0))
                    w.uint32(/* id 1, wireType 1 =*/9).double(m.qty);
                if (m.avg != null && $Object.hasOwnProperty.call(m, "avg") && !$Object.is(m.avg, 0))
                    w.uint32(/* id 2, wireType 1 =*/17).double(m.avg);
                if (m.margin != null && $Object.hasOwnProperty.call(m, "margin") && !$Object.is(m.margin, 0))
                    w.uint32(/* id 3, wireType 1 =*/25).double(m.margin);
                if (m.mode != null && $Object.hasOwnProperty.call(m, "mode") && m.mode !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.mode);
                if (m.leverage != null && $Object.hasOwnProperty.call(m, "leverage") && !$Object.is(m.leverage, 0))
                    w.uint32(/* id 5, wireType 1 =*/41).double(m.leverage);
                if (m.realized != null && $Object.hasOwnProperty.call(m, "realized") && !$Object.is(m.realized, 0))
                    w.uint32(/* id 6, wireType 1 =*/49).double(m.realized);
                if (m.fees != null && $Object.hasOwnProperty.call(m, "fees") && !$Object.is(m.fees, 0))
                    w.uint32(/* id 7, wireType 1 =*/57).double(m.fees);
                if (m.funding != null && $Object.hasOwnProperty.call(m, "funding") && !$Object.is(m.funding, 0))
                    w.uint32(/* id 8, wireType 1 =*/65).double(m.funding);
                if (m.liquidationLoss != null && $Object.hasOwnProperty.call(m, "liquidationLoss") && !$Object.is(m.liquidationLoss, 0))
                    w.uint32(/* id 9, wireType 1 =*/73).double(m.liquidationLoss);
                if (m.liquidationFees != null && $Object.hasOwnProperty.call(m, "liquidationFees") && !$Object.is(m.liquidationFees, 0))
                    w.uint32(/* id 10, wireType 1 =*/81).double(m.liquidationFees);
                if (m.liquidations != null && $Object.hasOwnProperty.call(m, "liquidations") && m.liquidations !== 0)
                    w.uint32(/* id 11, wireType 0 =*/88).uint32(m.liquidations);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified SwapPositionBook message, length delimited. Does not implicitly {@link algotrader.v1.SwapPositionBook.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.SwapPositionBook
             * @static
             * @param {algotrader.v1.SwapPositionBook.$Properties} message SwapPositionBook message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SwapPositionBook.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a SwapPositionBook message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.SwapPositionBook
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.SwapPositionBook & algotrader.v1.SwapPositionBook.$Shape} SwapPositionBook
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SwapPositionBook.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.SwapPositionBook();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.qty = v;
                            else
                                delete m.qty;
                            continue;
                        }
                    case 2: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.avg = v;
                            else
                                delete m.avg;
                            continue;
                        }
                    case 3: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.margin = v;
                            else
                                delete m.margin;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.mode = v;
                            else
                                delete m.mode;
                            continue;
                        }
                    case 5: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.leverage = v;
                            else
                                delete m.leverage;
                            continue;
                        }
                    case 6: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.realized = v;
                            else
                                delete m.realized;
                            continue;
                        }
                    case 7: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.fees = v;
                            else
                                delete m.fees;
                            continue;
                        }
                    case 8: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.funding = v;
                            else
                                delete m.funding;
                            continue;
                        }
                    case 9: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.liquidationLoss = v;
                            else
                                delete m.liquidationLoss;
                            continue;
                        }
                    case 10: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.liquidationFees = v;
                            else
                                delete m.liquidationFees;
                            continue;
                        }
                    case 11: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.liquidations = v;
                            else
                                delete m.liquidations;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a SwapPositionBook message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.SwapPositionBook
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.SwapPositionBook & algotrader.v1.SwapPositionBook.$Shape} SwapPositionBook
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SwapPositionBook.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a SwapPositionBook message.
             * @function verify
             * @memberof algotrader.v1.SwapPositionBook
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            SwapPositionBook.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.qty != null && $Object.hasOwnProperty.call(m, "qty")) {
                    if (typeof m.qty !== "number")
                        return "qty: number expected";
                }
                if (m.avg != null && $Object.hasOwnProperty.call(m, "avg")) {
                    if (typeof m.avg !== "number")
                        return "avg: number expected";
                }
                if (m.margin != null && $Object.hasOwnProperty.call(m, "margin")) {
                    if (typeof m.margin !== "number")
                        return "margin: number expected";
                }
                if (m.mode != null && $Object.hasOwnProperty.call(m, "mode")) {
                    if (!$util.isString(m.mode))
                        return "mode: string expected";
                }
                if (m.leverage != null && $Object.hasOwnProperty.call(m, "leverage")) {
                    if (typeof m.leverage !== "number")
                        return "leverage: number expected";
                }
                if (m.realized != null && $Object.hasOwnProperty.call(m, "realized")) {
                    if (typeof m.realized !== "number")
                        return "realized: number expected";
                }
                if (m.fees != null && $Object.hasOwnProperty.call(m, "fees")) {
                    if (typeof m.fees !== "number")
                        return "fees: number expected";
                }
                if (m.funding != null && $Object.hasOwnProperty.call(m, "funding")) {
                    if (typeof m.funding !== "number")
                        return "funding: number expected";
                }
                if (m.liquidationLoss != null && $Object.hasOwnProperty.call(m, "liquidationLoss")) {
                    if (typeof m.liquidationLoss !== "number")
                        return "liquidationLoss: number expected";
                }
                if (m.liquidationFees != null && $Object.hasOwnProperty.call(m, "liquidationFees")) {
                    if (typeof m.liquidationFees !== "number")
                        return "liquidationFees: number expected";
                }
                if (m.liquidations != null && $Object.hasOwnProperty.call(m, "liquidations")) {
                    if (!$util.isInteger(m.liquidations))
                        return "liquidations: integer expected";
                }
                return null;
            };

            /**
             * Creates a SwapPositionBook message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.SwapPositionBook
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.SwapPositionBook} SwapPositionBook
             */
            SwapPositionBook.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.SwapPositionBook)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.SwapPositionBook: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.SwapPositionBook();
                if (d.qty != null) {
                    if (!$Object.is($Number(d.qty), 0)) {
                        m.qty = $Number(d.qty);
                    }
                }
                if (d.avg != null) {
                    if (!$Object.is($Number(d.avg), 0)) {
                        m.avg = $Number(d.avg);
                    }
                }
                if (d.margin != null) {
                    if (!$Object.is($Number(d.margin), 0)) {
                        m.margin = $Number(d.margin);
                    }
                }
                if (d.mode != null) {
                    if (typeof d.mode !== "string" || d.mode.length) {
                        m.mode = $String(d.mode);
                    }
                }
                if (d.leverage != null) {
                    if (!$Object.is($Number(d.leverage), 0)) {
                        m.leverage = $Number(d.leverage);
                    }
                }
                if (d.realized != null) {
                    if (!$Object.is($Number(d.realized), 0)) {
                        m.realized = $Number(d.realized);
                    }
                }
                if (d.fees != null) {
                    if (!$Object.is($Number(d.fees), 0)) {
                        m.fees = $Number(d.fees);
                    }
                }
                if (d.funding != null) {
                    if (!$Object.is($Number(d.funding), 0)) {
                        m.funding = $Number(d.funding);
                    }
                }
                if (d.liquidationLoss != null) {
                    if (!$Object.is($Number(d.liquidationLoss), 0)) {
                        m.liquidationLoss = $Number(d.liquidationLoss);
                    }
                }
                if (d.liquidationFees != null) {
                    if (!$Object.is($Number(d.liquidationFees), 0)) {
                        m.liquidationFees = $Number(d.liquidationFees);
                    }
                }
                if (d.liquidations != null) {
                    if ($Number(d.liquidations) !== 0) {
                        m.liquidations = d.liquidations >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a SwapPositionBook message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.SwapPositionBook
             * @static
             * @param {algotrader.v1.SwapPositionBook} m SwapPositionBook
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SwapPositionBook.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.qty = 0;
                    d.avg = 0;
                    d.margin = 0;
                    d.mode = "";
                    d.leverage = 0;
                    d.realized = 0;
                    d.fees = 0;
                    d.funding = 0;
                    d.liquidationLoss = 0;
                    d.liquidationFees = 0;
                    d.liquidations = 0;
                }
                if (m.qty != null && $Object.hasOwnProperty.call(m, "qty")) {
                    d.qty = o.json && !$isFinite(m.qty) ? $String(m.qty) : m.qty;
                }
                if (m.avg != null && $Object.hasOwnProperty.call(m, "avg")) {
                    d.avg = o.json && !$isFinite(m.avg) ? $String(m.avg) : m.avg;
                }
                if (m.margin != null && $Object.hasOwnProperty.call(m, "margin")) {
                    d.margin = o.json && !$isFinite(m.margin) ? $String(m.margin) : m.margin;
                }
                if (m.mode != null && $Object.hasOwnProperty.call(m, "mode")) {
                    d.mode = m.mode;
                }
                if (m.leverage != null && $Object.hasOwnProperty.call(m, "leverage")) {
                    d.leverage = o.json && !$isFinite(m.leverage) ? $String(m.leverage) : m.leverage;
                }
                if (m.realized != null && $Object.hasOwnProperty.call(m, "realized")) {
                    d.realized = o.json && !$isFinite(m.realized) ? $String(m.realized) : m.realized;
                }
                if (m.fees != null && $Object.hasOwnProperty.call(m, "fees")) {
                    d.fees = o.json && !$isFinite(m.fees) ? $String(m.fees) : m.fees;
                }
                if (m.funding != null && $Object.hasOwnProperty.call(m, "funding")) {
                    d.funding = o.json && !$isFinite(m.funding) ? $String(m.funding) : m.funding;
                }
                if (m.liquidationLoss != null && $Object.hasOwnProperty.call(m, "liquidationLoss")) {
                    d.liquidationLoss = o.json && !$isFinite(m.liquidationLoss) ? $String(m.liquidationLoss) : m.liquidationLoss;
                }
                if (m.liquidationFees != null && $Object.hasOwnProperty.call(m, "liquidationFees")) {
                    d.liquidationFees = o.json && !$isFinite(m.liquidationFees) ? $String(m.liquidationFees) : m.liquidationFees;
                }
                if (m.liquidations != null && $Object.hasOwnProperty.call(m, "liquidations")) {
                    d.liquidations = m.liquidations;
                }
                return d;
            };

            /**
             * Converts this SwapPositionBook to JSON.
             * @function toJSON
             * @memberof algotrader.v1.SwapPositionBook
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SwapPositionBook.prototype.toJSON = function() {
                return SwapPositionBook.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SwapPositionBook
             * @function getTypeUrl
             * @memberof algotrader.v1.SwapPositionBook
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SwapPositionBook.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.SwapPositionBook";
            };

            return SwapPositionBook;
        })();

        v1.OrderRecord = (function() {

            /**
             * Properties of an OrderRecord.
             * @typedef {Object} algotrader.v1.OrderRecord.$Properties
             * @property {string|null} [id] OrderRecord id
             * @property {string|null} [strategy] OrderRecord strategy
             * @property {string|null} [instrument] OrderRecord instrument
             * @property {algotrader.v1.Side|null} [side] OrderRecord side
             * @property {algotrader.v1.OrderType|null} [type] OrderRecord type
             * @property {number|null} [qty] OrderRecord qty
             * @property {number|null} [limitPrice] OrderRecord limitPrice
             * @property {number|null} [decisionTimeMs] OrderRecord decisionTimeMs
             * @property {number|null} [eligibleOpenMs] OrderRecord eligibleOpenMs
             * @property {algotrader.v1.OrderState|null} [status] OrderRecord status
             * @property {number|null} [events] OrderRecord events
             * @property {number|null} [filledQty] OrderRecord filledQty
             * @property {number|null} [avgFillPrice] OrderRecord avgFillPrice
             * @property {string|null} [reason] OrderRecord reason
             * @property {string|null} [exchangeId] OrderRecord exchangeId
             * @property {Array.<string>|null} [trades] OrderRecord trades
             * @property {algotrader.v1.ProtectiveExits.$Properties|null} [exits] OrderRecord exits
             * @property {algotrader.v1.ExitReason|null} [exitReason] OrderRecord exitReason
             * @property {boolean|null} [reduceOnly] OrderRecord reduceOnly
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an OrderRecord.
             * @memberof algotrader.v1
             * @interface IOrderRecord
             * @augments algotrader.v1.OrderRecord.$Properties
             * @deprecated Use algotrader.v1.OrderRecord.$Properties instead.
             */

            /**
             * Shape of an OrderRecord.
             * @typedef {algotrader.v1.OrderRecord.$Properties} algotrader.v1.OrderRecord.$Shape
             */

            /**
             * Constructs a new OrderRecord.
             * @memberof algotrader.v1
             * @classdesc Represents an OrderRecord.
             * @constructor
             * @param {algotrader.v1.OrderRecord.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const OrderRecord = function (p) {
                this.trades = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * OrderRecord id.
             * @member {string} id
             * @memberof algotrader.v1.OrderRecord
             * @instance
             */
            OrderRecord.prototype.id = "";

            /**
             * OrderRecord strategy.
             * @member {string} strategy
             * @memberof algotrader.v1.OrderRecord
             * @instance
             */
            OrderRecord.prototype.strategy = "";

            /**
             * OrderRecord instrument.
             * @member {string} instrument
             * @memberof algotrader.v1.OrderRecord
             * @instance
             */
            OrderRecord.prototype.instrument = "";

            /**
             * OrderRecord side.
             * @member {algotrader.v1.Side} side
             * @memberof algotrader.v1.OrderRecord
             * @instance
             */
            OrderRecord.prototype.side = 0;

            /**
             * OrderRecord type.
             * @member {algotrader.v1.OrderType} type
             * @memberof algotrader.v1.OrderRecord
             * @instance
             */
            OrderRecord.prototype.type = 0;

            /**
             * OrderRecord qty.
             * @member {number} qty
             * @memberof algotrader.v1.OrderRecord
             * @instance
             */
            OrderRecord.prototype.qty = 0;

            /**
             * OrderRecord limitPrice.
             * @member {number|null|undefined} limitPrice
             * @memberof algotrader.v1.OrderRecord
             * @instance
             */
            OrderRecord.prototype.limitPrice = null;

            /**
             * OrderRecord decisionTimeMs.
             * @member {number} decisionTimeMs
             * @memberof algotrader.v1.OrderRecord
             * @instance
             */
            OrderRecord.prototype.decisionTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * OrderRecord eligibleOpenMs.
             * @member {number} eligibleOpenMs
             * @memberof algotrader.v1.OrderRecord
             * @instance
             */
            OrderRecord.prototype.eligibleOpenMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * OrderRecord status.
             * @member {algotrader.v1.OrderState} status
             * @memberof algotrader.v1.OrderRecord
             * @instance
             */
            OrderRecord.prototype.status = 0;

            /**
             * OrderRecord events.
             * @member {number} events
             * @memberof algotrader.v1.OrderRecord
             * @instance
             */
            OrderRecord.prototype.events = 0;

            /**
             * OrderRecord filledQty.
             * @member {number} filledQty
             * @memberof algotrader.v1.OrderRecord
             * @instance
             */
            OrderRecord.prototype.filledQty = 0;

            /**
             * OrderRecord avgFillPrice.
             * @member {number} avgFillPrice
             * @memberof algotrader.v1.OrderRecord
             * @instance
             */
            OrderRecord.prototype.avgFillPrice = 0;

            /**
             * OrderRecord reason.
             * @member {string|null|undefined} reason
             * @memberof algotrader.v1.OrderRecord
             * @instance
             */
            OrderRecord.prototype.reason = null;

            /**
             * OrderRecord exchangeId.
             * @member {string|null|undefined} exchangeId
             * @memberof algotrader.v1.OrderRecord
             * @instance
             */
            OrderRecord.prototype.exchangeId = null;

            /**
             * OrderRecord trades.
             * @member {Array.<string>} trades
             * @memberof algotrader.v1.OrderRecord
             * @instance
             */
            OrderRecord.prototype.trades = $util.emptyArray;

            /**
             * OrderRecord exits.
             * @member {algotrader.v1.ProtectiveExits.$Properties|null|undefined} exits
             * @memberof algotrader.v1.OrderRecord
             * @instance
             */
            OrderRecord.prototype.exits = null;

            /**
             * OrderRecord exitReason.
             * @member {algotrader.v1.ExitReason} exitReason
             * @memberof algotrader.v1.OrderRecord
             * @instance
             */
            OrderRecord.prototype.exitReason = 0;

            /**
             * OrderRecord reduceOnly.
             * @member {boolean} reduceOnly
             * @memberof algotrader.v1.OrderRecord
             * @instance
             */
            OrderRecord.prototype.reduceOnly = false;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(OrderRecord.prototype, "_limitPrice", {
                get: $util.oneOfGetter($oneOfFields = ["limitPrice"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(OrderRecord.prototype, "_reason", {
                get: $util.oneOfGetter($oneOfFields = ["reason"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(OrderRecord.prototype, "_exchangeId", {
                get: $util.oneOfGetter($oneOfFields = ["exchangeId"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new OrderRecord instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.OrderRecord
             * @static
             * @param {algotrader.v1.OrderRecord.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.OrderRecord} OrderRecord instance
             * @type {{
             *   (properties: algotrader.v1.OrderRecord.$Shape): algotrader.v1.OrderRecord & algotrader.v1.OrderRecord.$Shape;
             *   (properties?: algotrader.v1.OrderRecord.$Properties): algotrader.v1.OrderRecord;
             * }}
             */
            OrderRecord.create = function(properties) {
                return new OrderRecord(properties);
            };

            /**
             * Encodes the specified OrderRecord message. Does not implicitly {@link algotrader.v1.OrderRecord.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.OrderRecord
             * @static
             * @param {algotrader.v1.OrderRecord.$Properties} m OrderRecord message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OrderRecord.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.id != null && $Object.hasOwnProperty.call(m, "id") && m.id !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.id);
                if (m.strategy != null && $Object.hasOwnProperty.call(m, "strategy") && m.strategy !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.strategy);
                if (m.instrument != null && $Object.hasOwnProperty.call(m, "instrument") && m.instrument !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.instrument);
                if (m.side != null && $Object.hasOwnProperty.call(m, "side") && m.side !== 0)
                    w.uint32(/* id 4, wireType 0 =*/32).int32(m.side);
                if (m.type != null && $Object.hasOwnProperty.call(m, "type") && m.type !== 0)
                    w.uint32(/* id 5, wireType 0 =*/40).int32(m.type);
                if (m.qty != null && $Object.hasOwnProperty.call(m, "qty") && !$Object.is(m.qty, 0))
                    w.uint32(/* id 6, wireType 1 =*/49).double(m.qty);
                if (m.limitPrice != null && $Object.hasOwnProperty.call(m, "limitPrice"))
                    w.uint32(/* id 7, wireType 1 =*/57).double(m.limitPrice);
                if (m.decisionTimeMs != null && $Object.hasOwnProperty.call(m, "decisionTimeMs") && (typeof m.decisionTimeMs === "object" ? m.decisionTimeMs.low || m.decisionTimeMs.high : m.decisionTimeMs !== 0))
                    w.uint32(/* id 8, wireType 0 =*/64).int64(m.decisionTimeMs);
                if (m.eligibleOpenMs != null && $Object.hasOwnProperty.call(m, "eligibleOpenMs") && (typeof m.eligibleOpenMs === "object" ? m.eligibleOpenMs.low || m.eligibleOpenMs.high : m.eligibleOpenMs !== 0))
                    w.uint32(/* id 9, wireType 0 =*/72).int64(m.eligibleOpenMs);
                if (m.status != null && $Object.hasOwnProperty.call(m, "status") && m.status !== 0)
                    w.uint32(/* id 10, wireType 0 =*/80).int32(m.status);
                if (m.events != null && $Object.hasOwnProperty.call(m, "events") && m.events !== 0)
                    w.uint32(/* id 11, wireType 0 =*/88).uint32(m.events);
                if (m.filledQty != null && $Object.hasOwnProperty.call(m, "filledQty") && !$Object.is(m.filledQty, 0))
                    w.uint32(/* id 12, wireType 1 =*/97).double(m.filledQty);
                if (m.avgFillPrice != null && $Object.hasOwnProperty.call(m, "avgFillPrice") && !$Object.is(m.avgFillPrice, 0))
                    w.uint32(/* id 13, wireType 1 =*/105).double(m.avgFillPrice);
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason"))
                    w.uint32(/* id 14, wireType 2 =*/114).string(m.reason);
                if (m.exchangeId != null && $Object.hasOwnProperty.call(m, "exchangeId"))
                    w.uint32(/* id 15, wireType 2 =*/122).string(m.exchangeId);
                if (m.trades != null && m.trades.length) {
                    for (var i = 0; i < m.trades.length; ++i)
                        w.uint32(/* id 16, wireType 2 =*/130).string(m.trades[i]);
                }
                if (m.exits != null && $Object.hasOwnProperty.call(m, "exits"))
                    $root.algotrader.v1.ProtectiveExits.encode(m.exits, w.uint32(/* id 17, wireType 2 =*/138).fork(), q + 1).ldelim();
                if (m.exitReason != null && $Object.hasOwnProperty.call(m, "exitReason") && m.exitReason !== 0)
                    w.uint32(/* id 18, wireType 0 =*/144).int32(m.exitReason);
                if (m.reduceOnly != null && $Object.hasOwnProperty.call(m, "reduceOnly") && m.reduceOnly !== false)
                    w.uint32(/* id 19, wireType 0 =*/152).bool(m.reduceOnly);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified OrderRecord message, length delimited. Does not implicitly {@link algotrader.v1.OrderRecord.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.OrderRecord
             * @static
             * @param {algotrader.v1.OrderRecord.$Properties} message OrderRecord message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OrderRecord.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an OrderRecord message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.OrderRecord
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.OrderRecord & algotrader.v1.OrderRecord.$Shape} OrderRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OrderRecord.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.OrderRecord();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.id = v;
                            else
                                delete m.id;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.strategy = v;
                            else
                                delete m.strategy;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.instrument = v;
                            else
                                delete m.instrument;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.side = v;
                            else
                                delete m.side;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.type = v;
                            else
                                delete m.type;
                            continue;
                        }
                    case 6: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.qty = v;
                            else
                                delete m.qty;
                            continue;
                        }
                    case 7: {
                            if (u !== 1)
                                break;
                            m.limitPrice = r.double();
                            m._limitPrice = "limitPrice";
                            continue;
                        }
                    case 8: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.decisionTimeMs = v;
                            else
                                delete m.decisionTimeMs;
                            continue;
                        }
                    case 9: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.eligibleOpenMs = v;
                            else
                                delete m.eligibleOpenMs;
                            continue;
                        }
                    case 10: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.status = v;
                            else
                                delete m.status;
                            continue;
                        }
                    case 11: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.events = v;
                            else
                                delete m.events;
                            continue;
                        }
                    case 12: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.filledQty = v;
                            else
                                delete m.filledQty;
                            continue;
                        }
                    case 13: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.avgFillPrice = v;
                            else
                                delete m.avgFillPrice;
                            continue;
                        }
                    case 14: {
                            if (u !== 2)
                                break;
                            m.reason = r.stringVerify();
                            m._reason = "reason";
                            continue;
                        }
                    case 15: {
                            if (u !== 2)
                                break;
                            m.exchangeId = r.stringVerify();
                            m._exchangeId = "exchangeId";
                            continue;
                        }
                    case 16: {
                            if (u !== 2)
                                break;
                            if (!(m.trades && m.trades.length))
                                m.trades = [];
                            m.trades.push(r.stringVerify());
                            continue;
                        }
                    case 17: {
                            if (u !== 2)
                                break;
                            m.exits = $root.algotrader.v1.ProtectiveExits.decode(r, r.size(), $undefined, q + 1, m.exits);
                            continue;
                        }
                    case 18: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.exitReason = v;
                            else
                                delete m.exitReason;
                            continue;
                        }
                    case 19: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.reduceOnly = v;
                            else
                                delete m.reduceOnly;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an OrderRecord message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.OrderRecord
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.OrderRecord & algotrader.v1.OrderRecord.$Shape} OrderRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OrderRecord.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an OrderRecord message.
             * @function verify
             * @memberof algotrader.v1.OrderRecord
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            OrderRecord.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                var p = {};
                if (m.id != null && $Object.hasOwnProperty.call(m, "id")) {
                    if (!$util.isString(m.id))
                        return "id: string expected";
                }
                if (m.strategy != null && $Object.hasOwnProperty.call(m, "strategy")) {
                    if (!$util.isString(m.strategy))
                        return "strategy: string expected";
                }
                if (m.instrument != null && $Object.hasOwnProperty.call(m, "instrument")) {
                    if (!$util.isString(m.instrument))
                        return "instrument: string expected";
                }
                if (m.side != null && $Object.hasOwnProperty.call(m, "side")) {
                    if (typeof m.side !== "number" || (m.side | 0) !== m.side)
                        return "side: enum value expected";
                }
                if (m.type != null && $Object.hasOwnProperty.call(m, "type")) {
                    if (typeof m.type !== "number" || (m.type | 0) !== m.type)
                        return "type: enum value expected";
                }
                if (m.qty != null && $Object.hasOwnProperty.call(m, "qty")) {
                    if (typeof m.qty !== "number")
                        return "qty: number expected";
                }
                if (m.limitPrice != null && $Object.hasOwnProperty.call(m, "limitPrice")) {
                    p._limitPrice = 1;
                    if (typeof m.limitPrice !== "number")
                        return "limitPrice: number expected";
                }
                if (m.decisionTimeMs != null && $Object.hasOwnProperty.call(m, "decisionTimeMs")) {
                    if (!$util.isInteger(m.decisionTimeMs) && !(m.decisionTimeMs && $util.isInteger(m.decisionTimeMs.low) && $util.isInteger(m.decisionTimeMs.high)))
                        return "decisionTimeMs: integer|Long expected";
                }
                if (m.eligibleOpenMs != null && $Object.hasOwnProperty.call(m, "eligibleOpenMs")) {
                    if (!$util.isInteger(m.eligibleOpenMs) && !(m.eligibleOpenMs && $util.isInteger(m.eligibleOpenMs.low) && $util.isInteger(m.eligibleOpenMs.high)))
                        return "eligibleOpenMs: integer|Long expected";
                }
                if (m.status != null && $Object.hasOwnProperty.call(m, "status")) {
                    if (typeof m.status !== "number" || (m.status | 0) !== m.status)
                        return "status: enum value expected";
                }
                if (m.events != null && $Object.hasOwnProperty.call(m, "events")) {
                    if (!$util.isInteger(m.events))
                        return "events: integer expected";
                }
                if (m.filledQty != null && $Object.hasOwnProperty.call(m, "filledQty")) {
                    if (typeof m.filledQty !== "number")
                        return "filledQty: number expected";
                }
                if (m.avgFillPrice != null && $Object.hasOwnProperty.call(m, "avgFillPrice")) {
                    if (typeof m.avgFillPrice !== "number")
                        return "avgFillPrice: number expected";
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    p._reason = 1;
                    if (!$util.isString(m.reason))
                        return "reason: string expected";
                }
                if (m.exchangeId != null && $Object.hasOwnProperty.call(m, "exchangeId")) {
                    p._exchangeId = 1;
                    if (!$util.isString(m.exchangeId))
                        return "exchangeId: string expected";
                }
                if (m.trades != null && $Object.hasOwnProperty.call(m, "trades")) {
                    if (!$Array.isArray(m.trades))
                        return "trades: array expected";
                    for (var i = 0; i < m.trades.length; ++i) {
                        if (!$util.isString(m.trades[i]))
                            return "trades: string[] expected";
                    }
                }
                if (m.exits != null && $Object.hasOwnProperty.call(m, "exits")) {
                    {
                        var e = $root.algotrader.v1.ProtectiveExits.verify(m.exits, q + 1);
                        if (e)
                            return "exits." + e;
                    }
                }
                if (m.exitReason != null && $Object.hasOwnProperty.call(m, "exitReason")) {
                    if (typeof m.exitReason !== "number" || (m.exitReason | 0) !== m.exitReason)
                        return "exitReason: enum value expected";
                }
                if (m.reduceOnly != null && $Object.hasOwnProperty.call(m, "reduceOnly")) {
                    if (typeof m.reduceOnly !== "boolean")
                        return "reduceOnly: boolean expected";
                }
                return null;
            };

            /**
             * Creates an OrderRecord message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.OrderRecord
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.OrderRecord} OrderRecord
             */
            OrderRecord.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.OrderRecord)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.OrderRecord: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.OrderRecord();
                if (d.id != null) {
                    if (typeof d.id !== "string" || d.id.length) {
                        m.id = $String(d.id);
                    }
                }
                if (d.strategy != null) {
                    if (typeof d.strategy !== "string" || d.strategy.length) {
                        m.strategy = $String(d.strategy);
                    }
                }
                if (d.instrument != null) {
                    if (typeof d.instrument !== "string" || d.instrument.length) {
                        m.instrument = $String(d.instrument);
                    }
                }
                if (d.side !== 0 && (typeof d.side !== "string" || $root.algotrader.v1.Side[d.side] !== 0)) {
                    switch (d.side) {
                    case "SIDE_UNSPECIFIED":
                    case 0:
                        m.side = 0;
                        break;
                    case "SIDE_BUY":
                    case 1:
                        m.side = 1;
                        break;
                    case "SIDE_SELL":
                    case 2:
                        m.side = 2;
                        break;
                    default:
                        if (typeof d.side === "number" && (d.side | 0) === d.side)
                            m.side = d.side;
                    }
                }
                if (d.type !== 0 && (typeof d.type !== "string" || $root.algotrader.v1.OrderType[d.type] !== 0)) {
                    switch (d.type) {
                    case "ORDER_TYPE_UNSPECIFIED":
                    case 0:
                        m.type = 0;
                        break;
                    case "ORDER_TYPE_MARKET":
                    case 1:
                        m.type = 1;
                        break;
                    case "ORDER_TYPE_LIMIT":
                    case 2:
                        m.type = 2;
                        break;
                    default:
                        if (typeof d.type === "number" && (d.type | 0) === d.type)
                            m.type = d.type;
                    }
                }
                if (d.qty != null) {
                    if (!$Object.is($Number(d.qty), 0)) {
                        m.qty = $Number(d.qty);
                    }
                }
                if (d.limitPrice != null) {
                    m.limitPrice = $Number(d.limitPrice);
                }
                if (d.decisionTimeMs != null) {
                    if (typeof d.decisionTimeMs === "object" ? d.decisionTimeMs.low || d.decisionTimeMs.high : $Number(d.decisionTimeMs) !== 0) {
                        if ($util.Long)
                            m.decisionTimeMs = $util.Long.fromValue(d.decisionTimeMs, false);
                        else if (typeof d.decisionTimeMs === "string")
                            m.decisionTimeMs = $parseInt(d.decisionTimeMs, 10);
                        else if (typeof d.decisionTimeMs === "number")
                            m.decisionTimeMs = d.decisionTimeMs;
                        else if (typeof d.decisionTimeMs === "object")
                            m.decisionTimeMs = new $util.LongBits(d.decisionTimeMs.low >>> 0, d.decisionTimeMs.high >>> 0).toNumber();
                    }
                }
                if (d.eligibleOpenMs != null) {
                    if (typeof d.eligibleOpenMs === "object" ? d.eligibleOpenMs.low || d.eligibleOpenMs.high : $Number(d.eligibleOpenMs) !== 0) {
                        if ($util.Long)
                            m.eligibleOpenMs = $util.Long.fromValue(d.eligibleOpenMs, false);
                        else if (typeof d.eligibleOpenMs === "string")
                            m.eligibleOpenMs = $parseInt(d.eligibleOpenMs, 10);
                        else if (typeof d.eligibleOpenMs === "number")
                            m.eligibleOpenMs = d.eligibleOpenMs;
                        else if (typeof d.eligibleOpenMs === "object")
                            m.eligibleOpenMs = new $util.LongBits(d.eligibleOpenMs.low >>> 0, d.eligibleOpenMs.high >>> 0).toNumber();
                    }
                }
                if (d.status !== 0 && (typeof d.status !== "string" || $root.algotrader.v1.OrderState[d.status] !== 0)) {
                    switch (d.status) {
                    case "ORDER_STATE_UNSPECIFIED":
                    case 0:
                        m.status = 0;
                        break;
                    case "ORDER_STATE_PENDING_SUBMIT":
                    case 1:
                        m.status = 1;
                        break;
                    case "ORDER_STATE_SUBMITTED":
                    case 2:
                        m.status = 2;
                        break;
                    case "ORDER_STATE_ACCEPTED":
                    case 3:
                        m.status = 3;
                        break;
                    case "ORDER_STATE_PARTIALLY_FILLED":
                    case 4:
                        m.status = 4;
                        break;
                    case "ORDER_STATE_FILLED":
                    case 5:
                        m.status = 5;
                        break;
                    case "ORDER_STATE_PENDING_CANCEL":
                    case 6:
                        m.status = 6;
                        break;
                    case "ORDER_STATE_CANCELED":
                    case 7:
                        m.status = 7;
                        break;
                    case "ORDER_STATE_REJECTED":
                    case 8:
                        m.status = 8;
                        break;
                    case "ORDER_STATE_EXPIRED":
                    case 9:
                        m.status = 9;
                        break;
                    case "ORDER_STATE_UNKNOWN":
                    case 10:
                        m.status = 10;
                        break;
                    default:
                        if (typeof d.status === "number" && (d.status | 0) === d.status)
                            m.status = d.status;
                    }
                }
                if (d.events != null) {
                    if ($Number(d.events) !== 0) {
                        m.events = d.events >>> 0;
                    }
                }
                if (d.filledQty != null) {
                    if (!$Object.is($Number(d.filledQty), 0)) {
                        m.filledQty = $Number(d.filledQty);
                    }
                }
                if (d.avgFillPrice != null) {
                    if (!$Object.is($Number(d.avgFillPrice), 0)) {
                        m.avgFillPrice = $Number(d.avgFillPrice);
                    }
                }
                if (d.reason != null) {
                    m.reason = $String(d.reason);
                }
                if (d.exchangeId != null) {
                    m.exchangeId = $String(d.exchangeId);
                }
                if (d.trades) {
                    if (!$Array.isArray(d.trades))
                        throw $TypeError(".algotrader.v1.OrderRecord.trades: array expected");
                    m.trades = $Array(d.trades.length);
                    for (var i = 0; i < d.trades.length; ++i) {
                        m.trades[i] = $String(d.trades[i]);
                    }
                }
                if (d.exits != null) {
                    if (!$util.isObject(d.exits))
                        throw $TypeError(".algotrader.v1.OrderRecord.exits: object expected");
                    m.exits = $root.algotrader.v1.ProtectiveExits.fromObject(d.exits, q + 1);
                }
                if (d.exitReason !== 0 && (typeof d.exitReason !== "string" || $root.algotrader.v1.ExitReason[d.exitReason] !== 0)) {
                    switch (d.exitReason) {
                    case "EXIT_REASON_UNSPECIFIED":
                    case 0:
                        m.exitReason = 0;
                        break;
                    case "EXIT_REASON_SIGNAL":
                    case 1:
                        m.exitReason = 1;
                        break;
                    case "EXIT_REASON_STOP_LOSS":
                    case 2:
                        m.exitReason = 2;
                        break;
                    case "EXIT_REASON_TAKE_PROFIT":
                    case 3:
                        m.exitReason = 3;
                        break;
                    case "EXIT_REASON_TRAILING_STOP":
                    case 4:
                        m.exitReason = 4;
                        break;
                    case "EXIT_REASON_FORCEEXIT":
                    case 5:
                        m.exitReason = 5;
                        break;
                    case "EXIT_REASON_LIQUIDATION":
                    case 6:
                        m.exitReason = 6;
                        break;
                    default:
                        if (typeof d.exitReason === "number" && (d.exitReason | 0) === d.exitReason)
                            m.exitReason = d.exitReason;
                    }
                }
                if (d.reduceOnly != null) {
                    if (d.reduceOnly) {
                        m.reduceOnly = $Boolean(d.reduceOnly);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an OrderRecord message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.OrderRecord
             * @static
             * @param {algotrader.v1.OrderRecord} m OrderRecord
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            OrderRecord.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.trades = [];
                }
                if (o.defaults) {
                    d.id = "";
                    d.strategy = "";
                    d.instrument = "";
                    d.side = o.enums === $String ? "SIDE_UNSPECIFIED" : 0;
                    d.type = o.enums === $String ? "ORDER_TYPE_UNSPECIFIED" : 0;
                    d.qty = 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.decisionTimeMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.decisionTimeMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.eligibleOpenMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.eligibleOpenMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.status = o.enums === $String ? "ORDER_STATE_UNSPECIFIED" : 0;
                    d.events = 0;
                    d.filledQty = 0;
                    d.avgFillPrice = 0;
                    d.exits = null;
                    d.exitReason = o.enums === $String ? "EXIT_REASON_UNSPECIFIED" : 0;
                    d.reduceOnly = false;
                }
                if (m.id != null && $Object.hasOwnProperty.call(m, "id")) {
                    d.id = m.id;
                }
                if (m.strategy != null && $Object.hasOwnProperty.call(m, "strategy")) {
                    d.strategy = m.strategy;
                }
                if (m.instrument != null && $Object.hasOwnProperty.call(m, "instrument")) {
                    d.instrument = m.instrument;
                }
                if (m.side != null && $Object.hasOwnProperty.call(m, "side")) {
                    d.side = o.enums === $String ? $root.algotrader.v1.Side[m.side] === $undefined ? m.side : $root.algotrader.v1.Side[m.side] : m.side;
                }
                if (m.type != null && $Object.hasOwnProperty.call(m, "type")) {
                    d.type = o.enums === $String ? $root.algotrader.v1.OrderType[m.type] === $undefined ? m.type : $root.algotrader.v1.OrderType[m.type] : m.type;
                }
                if (m.qty != null && $Object.hasOwnProperty.call(m, "qty")) {
                    d.qty = o.json && !$isFinite(m.qty) ? $String(m.qty) : m.qty;
                }
                if (m.limitPrice != null && $Object.hasOwnProperty.call(m, "limitPrice")) {
                    d.limitPrice = o.json && !$isFinite(m.limitPrice) ? $String(m.limitPrice) : m.limitPrice;
                }
                if (m.decisionTimeMs != null && $Object.hasOwnProperty.call(m, "decisionTimeMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.decisionTimeMs = typeof m.decisionTimeMs === "number" ? $BigInt(m.decisionTimeMs) : $util.Long.fromBits(m.decisionTimeMs.low >>> 0, m.decisionTimeMs.high >>> 0, false).toBigInt();
                    else if (typeof m.decisionTimeMs === "number")
                        d.decisionTimeMs = o.longs === $String ? $String(m.decisionTimeMs) : m.decisionTimeMs;
                    else
                        d.decisionTimeMs = o.longs === $String ? $util.Long.prototype.toString.call(m.decisionTimeMs) : o.longs === $Number ? new $util.LongBits(m.decisionTimeMs.low >>> 0, m.decisionTimeMs.high >>> 0).toNumber() : m.decisionTimeMs;
                }
                if (m.eligibleOpenMs != null && $Object.hasOwnProperty.call(m, "eligibleOpenMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.eligibleOpenMs = typeof m.eligibleOpenMs === "number" ? $BigInt(m.eligibleOpenMs) : $util.Long.fromBits(m.eligibleOpenMs.low >>> 0, m.eligibleOpenMs.high >>> 0, false).toBigInt();
                    else if (typeof m.eligibleOpenMs === "number")
                        d.eligibleOpenMs = o.longs === $String ? $String(m.eligibleOpenMs) : m.eligibleOpenMs;
                    else
                        d.eligibleOpenMs = o.longs === $String ? $util.Long.prototype.toString.call(m.eligibleOpenMs) : o.longs === $Number ? new $util.LongBits(m.eligibleOpenMs.low >>> 0, m.eligibleOpenMs.high >>> 0).toNumber() : m.eligibleOpenMs;
                }
                if (m.status != null && $Object.hasOwnProperty.call(m, "status")) {
                    d.status = o.enums === $String ? $root.algotrader.v1.OrderState[m.status] === $undefined ? m.status : $root.algotrader.v1.OrderState[m.status] : m.status;
                }
                if (m.events != null && $Object.hasOwnProperty.call(m, "events")) {
                    d.events = m.events;
                }
                if (m.filledQty != null && $Object.hasOwnProperty.call(m, "filledQty")) {
                    d.filledQty = o.json && !$isFinite(m.filledQty) ? $String(m.filledQty) : m.filledQty;
                }
                if (m.avgFillPrice != null && $Object.hasOwnProperty.call(m, "avgFillPrice")) {
                    d.avgFillPrice = o.json && !$isFinite(m.avgFillPrice) ? $String(m.avgFillPrice) : m.avgFillPrice;
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    d.reason = m.reason;
                }
                if (m.exchangeId != null && $Object.hasOwnProperty.call(m, "exchangeId")) {
                    d.exchangeId = m.exchangeId;
                }
                if (m.trades && m.trades.length) {
                    d.trades = $Array(m.trades.length);
                    for (var j = 0; j < m.trades.length; ++j) {
                        d.trades[j] = m.trades[j];
                    }
                }
                if (m.exits != null && $Object.hasOwnProperty.call(m, "exits")) {
                    d.exits = $root.algotrader.v1.ProtectiveExits.toObject(m.exits, o, q + 1);
                }
                if (m.exitReason != null && $Object.hasOwnProperty.call(m, "exitReason")) {
                    d.exitReason = o.enums === $String ? $root.algotrader.v1.ExitReason[m.exitReason] === $undefined ? m.exitReason : $root.algotrader.v1.ExitReason[m.exitReason] : m.exitReason;
                }
                if (m.reduceOnly != null && $Object.hasOwnProperty.call(m, "reduceOnly")) {
                    d.reduceOnly = m.reduceOnly;
                }
                return d;
            };

            /**
             * Converts this OrderRecord to JSON.
             * @function toJSON
             * @memberof algotrader.v1.OrderRecord
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            OrderRecord.prototype.toJSON = function() {
                return OrderRecord.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for OrderRecord
             * @function getTypeUrl
             * @memberof algotrader.v1.OrderRecord
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            OrderRecord.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.OrderRecord";
            };

            return OrderRecord;
        })();

        v1.ArmedExits = (function() {

            /**
             * Properties of an ArmedExits.
             * @typedef {Object} algotrader.v1.ArmedExits.$Properties
             * @property {string|null} [strategy] ArmedExits strategy
             * @property {number|null} [dir] ArmedExits dir
             * @property {number|null} [stop] ArmedExits stop
             * @property {number|null} [takeProfit] ArmedExits takeProfit
             * @property {number|null} [trail] ArmedExits trail
             * @property {number|null} [best] ArmedExits best
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an ArmedExits.
             * @memberof algotrader.v1
             * @interface IArmedExits
             * @augments algotrader.v1.ArmedExits.$Properties
             * @deprecated Use algotrader.v1.ArmedExits.$Properties instead.
             */

            /**
             * Shape of an ArmedExits.
             * @typedef {algotrader.v1.ArmedExits.$Properties} algotrader.v1.ArmedExits.$Shape
             */

            /**
             * Constructs a new ArmedExits.
             * @memberof algotrader.v1
             * @classdesc Represents an ArmedExits.
             * @constructor
             * @param {algotrader.v1.ArmedExits.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ArmedExits = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ArmedExits strategy.
             * @member {string} strategy
             * @memberof algotrader.v1.ArmedExits
             * @instance
             */
            ArmedExits.prototype.strategy = "";

            /**
             * ArmedExits dir.
             * @member {number} dir
             * @memberof algotrader.v1.ArmedExits
             * @instance
             */
            ArmedExits.prototype.dir = 0;

            /**
             * ArmedExits stop.
             * @member {number} stop
             * @memberof algotrader.v1.ArmedExits
             * @instance
             */
            ArmedExits.prototype.stop = 0;

            /**
             * ArmedExits takeProfit.
             * @member {number} takeProfit
             * @memberof algotrader.v1.ArmedExits
             * @instance
             */
            ArmedExits.prototype.takeProfit = 0;

            /**
             * ArmedExits trail.
             * @member {number} trail
             * @memberof algotrader.v1.ArmedExits
             * @instance
             */
            ArmedExits.prototype.trail = 0;

            /**
             * ArmedExits best.
             * @member {number} best
             * @memberof algotrader.v1.ArmedExits
             * @instance
             */
            ArmedExits.prototype.best = 0;

            /**
             * Creates a new ArmedExits instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.ArmedExits
             * @static
             * @param {algotrader.v1.ArmedExits.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.ArmedExits} ArmedExits instance
             * @type {{
             *   (properties: algotrader.v1.ArmedExits.$Shape): algotrader.v1.ArmedExits & algotrader.v1.ArmedExits.$Shape;
             *   (properties?: algotrader.v1.ArmedExits.$Properties): algotrader.v1.ArmedExits;
             * }}
             */
            ArmedExits.create = function(properties) {
                return new ArmedExits(properties);
            };

            /**
             * Encodes the specified ArmedExits message. Does not implicitly {@link algotrader.v1.ArmedExits.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.ArmedExits
             * @static
             * @param {algotrader.v1.ArmedExits.$Properties} m ArmedExits message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ArmedExits.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.strategy != null && $Object.hasOwnProperty.call(m, "strategy") && m.strategy !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.strategy);
                if (m.dir != null && $Object.hasOwnProperty.call(m, "dir") && m.dir !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).sint32(m.dir);
                if (m.stop != null && $Object.hasOwnProperty.call(m, "stop") && !$Object.is(m.stop, 0))
                    w.uint32(/* id 3, wireType 1 =*/25).double(m.stop);
                if (m.takeProfit != null && $Object.hasOwnProperty.call(m, "takeProfit") && !$Object.is(m.takeProfit, 0))
                    w.uint32(/* id 4, wireType 1 =*/33).double(m.takeProfit);
                if (m.trail != null && $Object.hasOwnProperty.call(m, "trail") && !$Object.is(m.trail, 0))
                    w.uint32(/* id 5, wireType 1 =*/41).double(m.trail);
                if (m.best != null && $Object.hasOwnProperty.call(m, "best") && !$Object.is(m.best, 0))
                    w.uint32(/* id 6, wireType 1 =*/49).double(m.best);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified ArmedExits message, length delimited. Does not implicitly {@link algotrader.v1.ArmedExits.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.ArmedExits
             * @static
             * @param {algotrader.v1.ArmedExits.$Properties} message ArmedExits message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ArmedExits.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an ArmedExits message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.ArmedExits
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.ArmedExits & algotrader.v1.ArmedExits.$Shape} ArmedExits
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ArmedExits.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.ArmedExits();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.strategy = v;
                            else
                                delete m.strategy;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.sint32())
                                m.dir = v;
                            else
                                delete m.dir;
                            continue;
                        }
                    case 3: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.stop = v;
                            else
                                delete m.stop;
                            continue;
                        }
                    case 4: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.takeProfit = v;
                            else
                                delete m.takeProfit;
                            continue;
                        }
                    case 5: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.trail = v;
                            else
                                delete m.trail;
                            continue;
                        }
                    case 6: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.best = v;
                            else
                                delete m.best;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an ArmedExits message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.ArmedExits
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.ArmedExits & algotrader.v1.ArmedExits.$Shape} ArmedExits
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ArmedExits.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an ArmedExits message.
             * @function verify
             * @memberof algotrader.v1.ArmedExits
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ArmedExits.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.strategy != null && $Object.hasOwnProperty.call(m, "strategy")) {
                    if (!$util.isString(m.strategy))
                        return "strategy: string expected";
                }
                if (m.dir != null && $Object.hasOwnProperty.call(m, "dir")) {
                    if (!$util.isInteger(m.dir))
                        return "dir: integer expected";
                }
                if (m.stop != null && $Object.hasOwnProperty.call(m, "stop")) {
                    if (typeof m.stop !== "number")
                        return "stop: number expected";
                }
                if (m.takeProfit != null && $Object.hasOwnProperty.call(m, "takeProfit")) {
                    if (typeof m.takeProfit !== "number")
                        return "takeProfit: number expected";
                }
                if (m.trail != null && $Object.hasOwnProperty.call(m, "trail")) {
                    if (typeof m.trail !== "number")
                        return "trail: number expected";
                }
                if (m.best != null && $Object.hasOwnProperty.call(m, "best")) {
                    if (typeof m.best !== "number")
                        return "best: number expected";
                }
                return null;
            };

            /**
             * Creates an ArmedExits message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.ArmedExits
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.ArmedExits} ArmedExits
             */
            ArmedExits.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.ArmedExits)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.ArmedExits: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.ArmedExits();
                if (d.strategy != null) {
                    if (typeof d.strategy !== "string" || d.strategy.length) {
                        m.strategy = $String(d.strategy);
                    }
                }
                if (d.dir != null) {
                    if ($Number(d.dir) !== 0) {
                        m.dir = d.dir | 0;
                    }
                }
                if (d.stop != null) {
                    if (!$Object.is($Number(d.stop), 0)) {
                        m.stop = $Number(d.stop);
                    }
                }
                if (d.takeProfit != null) {
                    if (!$Object.is($Number(d.takeProfit), 0)) {
                        m.takeProfit = $Number(d.takeProfit);
                    }
                }
                if (d.trail != null) {
                    if (!$Object.is($Number(d.trail), 0)) {
                        m.trail = $Number(d.trail);
                    }
                }
                if (d.best != null) {
                    if (!$Object.is($Number(d.best), 0)) {
                        m.best = $Number(d.best);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an ArmedExits message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.ArmedExits
             * @static
             * @param {algotrader.v1.ArmedExits} m ArmedExits
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ArmedExits.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.strategy = "";
                    d.dir = 0;
                    d.stop = 0;
                    d.takeProfit = 0;
                    d.trail = 0;
                    d.best = 0;
                }
                if (m.strategy != null && $Object.hasOwnProperty.call(m, "strategy")) {
                    d.strategy = m.strategy;
                }
                if (m.dir != null && $Object.hasOwnProperty.call(m, "dir")) {
                    d.dir = m.dir;
                }
                if (m.stop != null && $Object.hasOwnProperty.call(m, "stop")) {
                    d.stop = o.json && !$isFinite(m.stop) ? $String(m.stop) : m.stop;
                }
                if (m.takeProfit != null && $Object.hasOwnProperty.call(m, "takeProfit")) {
                    d.takeProfit = o.json && !$isFinite(m.takeProfit) ? $String(m.takeProfit) : m.takeProfit;
                }
                if (m.trail != null && $Object.hasOwnProperty.call(m, "trail")) {
                    d.trail = o.json && !$isFinite(m.trail) ? $String(m.trail) : m.trail;
                }
                if (m.best != null && $Object.hasOwnProperty.call(m, "best")) {
                    d.best = o.json && !$isFinite(m.best) ? $String(m.best) : m.best;
                }
                return d;
            };

            /**
             * Converts this ArmedExits to JSON.
             * @function toJSON
             * @memberof algotrader.v1.ArmedExits
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ArmedExits.prototype.toJSON = function() {
                return ArmedExits.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ArmedExits
             * @function getTypeUrl
             * @memberof algotrader.v1.ArmedExits
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ArmedExits.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.ArmedExits";
            };

            return ArmedExits;
        })();

        v1.AccountState = (function() {

            /**
             * Properties of an AccountState.
             * @typedef {Object} algotrader.v1.AccountState.$Properties
             * @property {number|null} [version] AccountState version
             * @property {string|null} [account] AccountState account
             * @property {string|null} [quote] AccountState quote
             * @property {algotrader.v1.AccountBook.$Properties|null} [book] AccountState book
             * @property {Array.<algotrader.v1.OrderRecord.$Properties>|null} [orders] AccountState orders
             * @property {Array.<string>|null} [pending] AccountState pending
             * @property {Array.<string>|null} [done] AccountState done
             * @property {number|null} [mdSeq] AccountState mdSeq
             * @property {number|null} [orderSeq] AccountState orderSeq
             * @property {number|null} [steppedThroughMs] AccountState steppedThroughMs
             * @property {number|null} [visibleThroughMs] AccountState visibleThroughMs
             * @property {number|null} [lastBarSetMs] AccountState lastBarSetMs
             * @property {number|null} [fills] AccountState fills
             * @property {number|null} [updatedMs] AccountState updatedMs
             * @property {Array.<string>|null} [swapBooked] AccountState swapBooked
             * @property {Object.<string,algotrader.v1.ArmedExits.$Properties>|null} [protections] AccountState protections
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an AccountState.
             * @memberof algotrader.v1
             * @interface IAccountState
             * @augments algotrader.v1.AccountState.$Properties
             * @deprecated Use algotrader.v1.AccountState.$Properties instead.
             */

            /**
             * Shape of an AccountState.
             * @typedef {algotrader.v1.AccountState.$Properties} algotrader.v1.AccountState.$Shape
             */

            /**
             * Constructs a new AccountState.
             * @memberof algotrader.v1
             * @classdesc Represents an AccountState.
             * @constructor
             * @param {algotrader.v1.AccountState.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const AccountState = function (p) {
                this.orders = [];
                this.pending = [];
                this.done = [];
                this.swapBooked = [];
                this.protections = {};
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * AccountState version.
             * @member {number} version
             * @memberof algotrader.v1.AccountState
             * @instance
             */
            AccountState.prototype.version = 0;

            /**
             * AccountState account.
             * @member {string} account
             * @memberof algotrader.v1.AccountState
             * @instance
             */
            AccountState.prototype.account = "";

            /**
             * AccountState quote.
             * @member {string} quote
             * @memberof algotrader.v1.AccountState
             * @instance
             */
            AccountState.prototype.quote = "";

            /**
             * AccountState book.
             * @member {algotrader.v1.AccountBook.$Properties|null|undefined} book
             * @memberof algotrader.v1.AccountState
             * @instance
             */
            AccountState.prototype.book = null;

            /**
             * AccountState orders.
             * @member {Array.<algotrader.v1.OrderRecord.$Properties>} orders
             * @memberof algotrader.v1.AccountState
             * @instance
             */
            AccountState.prototype.orders = $util.emptyArray;

            /**
             * AccountState pending.
             * @member {Array.<string>} pending
             * @memberof algotrader.v1.AccountState
             * @instance
             */
            AccountState.prototype.pending = $util.emptyArray;

            /**
             * AccountState done.
             * @member {Array.<string>} done
             * @memberof algotrader.v1.AccountState
             * @instance
             */
            AccountState.prototype.done = $util.emptyArray;

            /**
             * AccountState mdSeq.
             * @member {number} mdSeq
             * @memberof algotrader.v1.AccountState
             * @instance
             */
            AccountState.prototype.mdSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * AccountState orderSeq.
             * @member {number} orderSeq
             * @memberof algotrader.v1.AccountState
             * @instance
             */
            AccountState.prototype.orderSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * AccountState steppedThroughMs.
             * @member {number} steppedThroughMs
             * @memberof algotrader.v1.AccountState
             * @instance
             */
            AccountState.prototype.steppedThroughMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * AccountState visibleThroughMs.
             * @member {number} visibleThroughMs
             * @memberof algotrader.v1.AccountState
             * @instance
             */
            AccountState.prototype.visibleThroughMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * AccountState lastBarSetMs.
             * @member {number} lastBarSetMs
             * @memberof algotrader.v1.AccountState
             * @instance
             */
            AccountState.prototype.lastBarSetMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * AccountState fills.
             * @member {number} fills
             * @memberof algotrader.v1.AccountState
             * @instance
             */
            AccountState.prototype.fills = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * AccountState updatedMs.
             * @member {number} updatedMs
             * @memberof algotrader.v1.AccountState
             * @instance
             */
            AccountState.prototype.updatedMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * AccountState swapBooked.
             * @member {Array.<string>} swapBooked
             * @memberof algotrader.v1.AccountState
             * @instance
             */
            AccountState.prototype.swapBooked = $util.emptyArray;

            /**
             * AccountState protections.
             * @member {Object.<string,algotrader.v1.ArmedExits.$Properties>} protections
             * @memberof algotrader.v1.AccountState
             * @instance
             */
            AccountState.prototype.protections = $util.emptyObject;

            /**
             * Creates a new AccountState instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.AccountState
             * @static
             * @param {algotrader.v1.AccountState.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.AccountState} AccountState instance
             * @type {{
             *   (properties: algotrader.v1.AccountState.$Shape): algotrader.v1.AccountState & algotrader.v1.AccountState.$Shape;
             *   (properties?: algotrader.v1.AccountState.$Properties): algotrader.v1.AccountState;
             * }}
             */
            AccountState.create = function(properties) {
                return new AccountState(properties);
            };

            /**
             * Encodes the specified AccountState message. Does not implicitly {@link algotrader.v1.AccountState.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.AccountState
             * @static
             * @param {algotrader.v1.AccountState.$Properties} m AccountState message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AccountState.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.version != null && $Object.hasOwnProperty.call(m, "version") && m.version !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.version);
                if (m.account != null && $Object.hasOwnProperty.call(m, "account") && m.account !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.account);
                if (m.quote != null && $Object.hasOwnProperty.call(m, "quote") && m.quote !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.quote);
                if (m.book != null && $Object.hasOwnProperty.call(m, "book"))
                    $root.algotrader.v1.AccountBook.encode(m.book, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                if (m.orders != null && m.orders.length) {
                    for (var i = 0; i < m.orders.length; ++i)
                        $root.algotrader.v1.OrderRecord.encode(m.orders[i], w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                }
                if (m.pending != null && m.pending.length) {
                    for (var i = 0; i < m.pending.length; ++i)
                        w.uint32(/* id 6, wireType 2 =*/50).string(m.pending[i]);
                }
                if (m.done != null && m.done.length) {
                    for (var i = 0; i < m.done.length; ++i)
                        w.uint32(/* id 7, wireType 2 =*/58).string(m.done[i]);
                }
                if (m.mdSeq != null && $Object.hasOwnProperty.call(m, "mdSeq") && (typeof m.mdSeq === "object" ? m.mdSeq.low || m.mdSeq.high : m.mdSeq !== 0))
                    w.uint32(/* id 8, wireType 0 =*/64).uint64(m.mdSeq);
                if (m.orderSeq != null && $Object.hasOwnProperty.call(m, "orderSeq") && (typeof m.orderSeq === "object" ? m.orderSeq.low || m.orderSeq.high : m.orderSeq !== 0))
                    w.uint32(/* id 9, wireType 0 =*/72).uint64(m.orderSeq);
                if (m.steppedThroughMs != null && $Object.hasOwnProperty.call(m, "steppedThroughMs") && (typeof m.steppedThroughMs === "object" ? m.steppedThroughMs.low || m.steppedThroughMs.high : m.steppedThroughMs !== 0))
                    w.uint32(/* id 10, wireType 0 =*/80).int64(m.steppedThroughMs);
                if (m.visibleThroughMs != null && $Object.hasOwnProperty.call(m, "visibleThroughMs") && (typeof m.visibleThroughMs === "object" ? m.visibleThroughMs.low || m.visibleThroughMs.high : m.visibleThroughMs !== 0))
                    w.uint32(/* id 11, wireType 0 =*/88).int64(m.visibleThroughMs);
                if (m.lastBarSetMs != null && $Object.hasOwnProperty.call(m, "lastBarSetMs") && (typeof m.lastBarSetMs === "object" ? m.lastBarSetMs.low || m.lastBarSetMs.high : m.lastBarSetMs !== 0))
                    w.uint32(/* id 12, wireType 0 =*/96).int64(m.lastBarSetMs);
                if (m.fills != null && $Object.hasOwnProperty.call(m, "fills") && (typeof m.fills === "object" ? m.fills.low || m.fills.high : m.fills !== 0))
                    w.uint32(/* id 13, wireType 0 =*/104).uint64(m.fills);
                if (m.updatedMs != null && $Object.hasOwnProperty.call(m, "updatedMs") && (typeof m.updatedMs === "object" ? m.updatedMs.low || m.updatedMs.high : m.updatedMs !== 0))
                    w.uint32(/* id 14, wireType 0 =*/112).int64(m.updatedMs);
                if (m.swapBooked != null && m.swapBooked.length) {
                    for (var i = 0; i < m.swapBooked.length; ++i)
                        w.uint32(/* id 15, wireType 2 =*/122).string(m.swapBooked[i]);
                }
                if (m.protections != null && $Object.hasOwnProperty.call(m, "protections")) {
                    for (var ks = $Object.keys(m.protections), i = 0; i < ks.length; ++i) {
                        w.uint32(/* id 16, wireType 2 =*/130).fork().uint32(/* id 1, wireType 2 =*/10).string(ks[i]);
                        $root.algotrader.v1.ArmedExits.encode(m.protections[ks[i]], w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim().ldelim();
                    }
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified AccountState message, length delimited. Does not implicitly {@link algotrader.v1.AccountState.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.AccountState
             * @static
             * @param {algotrader.v1.AccountState.$Properties} message AccountState message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AccountState.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an AccountState message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.AccountState
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.AccountState & algotrader.v1.AccountState.$Shape} AccountState
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AccountState.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, k, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.AccountState();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.version = v;
                            else
                                delete m.version;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.account = v;
                            else
                                delete m.account;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.quote = v;
                            else
                                delete m.quote;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            m.book = $root.algotrader.v1.AccountBook.decode(r, r.size(), $undefined, q + 1, m.book);
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if (!(m.orders && m.orders.length))
                                m.orders = [];
                            m.orders.push($root.algotrader.v1.OrderRecord.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if (!(m.pending && m.pending.length))
                                m.pending = [];
                            m.pending.push(r.stringVerify());
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            if (!(m.done && m.done.length))
                                m.done = [];
                            m.done.push(r.stringVerify());
                            continue;
                        }
                    case 8: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.mdSeq = v;
                            else
                                delete m.mdSeq;
                            continue;
                        }
                    case 9: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.orderSeq = v;
                            else
                                delete m.orderSeq;
                            continue;
                        }
                    case 10: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.steppedThroughMs = v;
                            else
                                delete m.steppedThroughMs;
                            continue;
                        }
                    case 11: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.visibleThroughMs = v;
                            else
                                delete m.visibleThroughMs;
                            continue;
                        }
                    case 12: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.lastBarSetMs = v;
                            else
                                delete m.lastBarSetMs;
                            continue;
                        }
                    case 13: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.fills = v;
                            else
                                delete m.fills;
                            continue;
                        }
                    case 14: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.updatedMs = v;
                            else
                                delete m.updatedMs;
                            continue;
                        }
                    case 15: {
                            if (u !== 2)
                                break;
                            if (!(m.swapBooked && m.swapBooked.length))
                                m.swapBooked = [];
                            m.swapBooked.push(r.stringVerify());
                            continue;
                        }
                    case 16: {
                            if (u !== 2)
                                break;
                            if (m.protections === $util.emptyObject)
                                m.protections = {};
                            var c2 = r.size() + r.pos;
                            if (c2 > r.len)
                                throw $RangeError("index out of range");
                            r.len = c2;
                            k = "";
                            v = null;
                            while (r.pos < c2) {
                                var t2 = r.tag();
                                u = t2 & 7;
                                switch (t2 >>>= 3) {
                                case 1:
                                    if (u !== 2)
                                        break;
                                    k = r.stringVerify();
                                    continue;
                                case 2:
                                    if (u !== 2)
                                        break;
                                    v = $root.algotrader.v1.ArmedExits.decode(r, r.size(), $undefined, q + 1, v);
                                    continue;
                                }
                                r.skipType(u, q, t2);
                            }
                            if (r.pos !== c2)
                                throw $RangeError("index out of range");
                            r.len = c;
                            if (k === "__proto__")
                                $util.makeProp(m.protections, k);
                            m.protections[k] = v || new $root.algotrader.v1.ArmedExits();
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an AccountState message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.AccountState
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.AccountState & algotrader.v1.AccountState.$Shape} AccountState
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AccountState.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an AccountState message.
             * @function verify
             * @memberof algotrader.v1.AccountState
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            AccountState.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.version != null && $Object.hasOwnProperty.call(m, "version")) {
                    if (!$util.isInteger(m.version))
                        return "version: integer expected";
                }
                if (m.account != null && $Object.hasOwnProperty.call(m, "account")) {
                    if (!$util.isString(m.account))
                        return "account: string expected";
                }
                if (m.quote != null && $Object.hasOwnProperty.call(m, "quote")) {
                    if (!$util.isString(m.quote))
                        return "quote: string expected";
                }
                if (m.book != null && $Object.hasOwnProperty.call(m, "book")) {
                    {
                        var e = $root.algotrader.v1.AccountBook.verify(m.book, q + 1);
                        if (e)
                            return "book." + e;
                    }
                }
                if (m.orders != null && $Object.hasOwnProperty.call(m, "orders")) {
                    if (!$Array.isArray(m.orders))
                        return "orders: array expected";
                    for (var i = 0; i < m.orders.length; ++i) {
                        {
                            var e = $root.algotrader.v1.OrderRecord.verify(m.orders[i], q + 1);
                            if (e)
                                return "orders." + e;
                        }
                    }
                }
                if (m.pending != null && $Object.hasOwnProperty.call(m, "pending")) {
                    if (!$Array.isArray(m.pending))
                        return "pending: array expected";
                    for (var i = 0; i < m.pending.length; ++i) {
                        if (!$util.isString(m.pending[i]))
                            return "pending: string[] expected";
                    }
                }
                if (m.done != null && $Object.hasOwnProperty.call(m, "done")) {
                    if (!$Array.isArray(m.done))
                        return "done: array expected";
                    for (var i = 0; i < m.done.length; ++i) {
                        if (!$util.isString(m.done[i]))
                            return "done: string[] expected";
                    }
                }
                if (m.mdSeq != null && $Object.hasOwnProperty.call(m, "mdSeq")) {
                    if (!$util.isInteger(m.mdSeq) && !(m.mdSeq && $util.isInteger(m.mdSeq.low) && $util.isInteger(m.mdSeq.high)))
                        return "mdSeq: integer|Long expected";
                }
                if (m.orderSeq != null && $Object.hasOwnProperty.call(m, "orderSeq")) {
                    if (!$util.isInteger(m.orderSeq) && !(m.orderSeq && $util.isInteger(m.orderSeq.low) && $util.isInteger(m.orderSeq.high)))
                        return "orderSeq: integer|Long expected";
                }
                if (m.steppedThroughMs != null && $Object.hasOwnProperty.call(m, "steppedThroughMs")) {
                    if (!$util.isInteger(m.steppedThroughMs) && !(m.steppedThroughMs && $util.isInteger(m.steppedThroughMs.low) && $util.isInteger(m.steppedThroughMs.high)))
                        return "steppedThroughMs: integer|Long expected";
                }
                if (m.visibleThroughMs != null && $Object.hasOwnProperty.call(m, "visibleThroughMs")) {
                    if (!$util.isInteger(m.visibleThroughMs) && !(m.visibleThroughMs && $util.isInteger(m.visibleThroughMs.low) && $util.isInteger(m.visibleThroughMs.high)))
                        return "visibleThroughMs: integer|Long expected";
                }
                if (m.lastBarSetMs != null && $Object.hasOwnProperty.call(m, "lastBarSetMs")) {
                    if (!$util.isInteger(m.lastBarSetMs) && !(m.lastBarSetMs && $util.isInteger(m.lastBarSetMs.low) && $util.isInteger(m.lastBarSetMs.high)))
                        return "lastBarSetMs: integer|Long expected";
                }
                if (m.fills != null && $Object.hasOwnProperty.call(m, "fills")) {
                    if (!$util.isInteger(m.fills) && !(m.fills && $util.isInteger(m.fills.low) && $util.isInteger(m.fills.high)))
                        return "fills: integer|Long expected";
                }
                if (m.updatedMs != null && $Object.hasOwnProperty.call(m, "updatedMs")) {
                    if (!$util.isInteger(m.updatedMs) && !(m.updatedMs && $util.isInteger(m.updatedMs.low) && $util.isInteger(m.updatedMs.high)))
                        return "updatedMs: integer|Long expected";
                }
                if (m.swapBooked != null && $Object.hasOwnProperty.call(m, "swapBooked")) {
                    if (!$Array.isArray(m.swapBooked))
                        return "swapBooked: array expected";
                    for (var i = 0; i < m.swapBooked.length; ++i) {
                        if (!$util.isString(m.swapBooked[i]))
                            return "swapBooked: string[] expected";
                    }
                }
                if (m.protections != null && $Object.hasOwnProperty.call(m, "protections")) {
                    if (!$util.isObject(m.protections))
                        return "protections: object expected";
                    var k = $Object.keys(m.protections);
                    for (var i = 0; i < k.length; ++i) {
                        {
                            var e = $root.algotrader.v1.ArmedExits.verify(m.protections[k[i]], q + 1);
                            if (e)
                                return "protections." + e;
                        }
                    }
                }
                return null;
            };

            /**
             * Creates an AccountState message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.AccountState
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.AccountState} AccountState
             */
            AccountState.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.AccountState)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.AccountState: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.AccountState();
                if (d.version != null) {
                    if ($Number(d.version) !== 0) {
                        m.version = d.version >>> 0;
                    }
                }
                if (d.account != null) {
                    if (typeof d.account !== "string" || d.account.length) {
                        m.account = $String(d.account);
                    }
                }
                if (d.quote != null) {
                    if (typeof d.quote !== "string" || d.quote.length) {
                        m.quote = $String(d.quote);
                    }
                }
                if (d.book != null) {
                    if (!$util.isObject(d.book))
                        throw $TypeError(".algotrader.v1.AccountState.book: object expected");
                    m.book = $root.algotrader.v1.AccountBook.fromObject(d.book, q + 1);
                }
                if (d.orders) {
                    if (!$Array.isArray(d.orders))
                        throw $TypeError(".algotrader.v1.AccountState.orders: array expected");
                    m.orders = $Array(d.orders.length);
                    for (var i = 0; i < d.orders.length; ++i) {
                        if (!$util.isObject(d.orders[i]))
                            throw $TypeError(".algotrader.v1.AccountState.orders: object expected");
                        m.orders[i] = $root.algotrader.v1.OrderRecord.fromObject(d.orders[i], q + 1);
                    }
                }
                if (d.pending) {
                    if (!$Array.isArray(d.pending))
                        throw $TypeError(".algotrader.v1.AccountState.pending: array expected");
                    m.pending = $Array(d.pending.length);
                    for (var i = 0; i < d.pending.length; ++i) {
                        m.pending[i] = $String(d.pending[i]);
                    }
                }
                if (d.done) {
                    if (!$Array.isArray(d.done))
                        throw $TypeError(".algotrader.v1.AccountState.done: array expected");
                    m.done = $Array(d.done.length);
                    for (var i = 0; i < d.done.length; ++i) {
                        m.done[i] = $String(d.done[i]);
                    }
                }
                if (d.mdSeq != null) {
                    if (typeof d.mdSeq === "object" ? d.mdSeq.low || d.mdSeq.high : $Number(d.mdSeq) !== 0) {
                        if ($util.Long)
                            m.mdSeq = $util.Long.fromValue(d.mdSeq, true);
                        else if (typeof d.mdSeq === "string")
                            m.mdSeq = $parseInt(d.mdSeq, 10);
                        else if (typeof d.mdSeq === "number")
                            m.mdSeq = d.mdSeq;
                        else if (typeof d.mdSeq === "object")
                            m.mdSeq = new $util.LongBits(d.mdSeq.low >>> 0, d.mdSeq.high >>> 0).toNumber(true);
                    }
                }
                if (d.orderSeq != null) {
                    if (typeof d.orderSeq === "object" ? d.orderSeq.low || d.orderSeq.high : $Number(d.orderSeq) !== 0) {
                        if ($util.Long)
                            m.orderSeq = $util.Long.fromValue(d.orderSeq, true);
                        else if (typeof d.orderSeq === "string")
                            m.orderSeq = $parseInt(d.orderSeq, 10);
                        else if (typeof d.orderSeq === "number")
                            m.orderSeq = d.orderSeq;
                        else if (typeof d.orderSeq === "object")
                            m.orderSeq = new $util.LongBits(d.orderSeq.low >>> 0, d.orderSeq.high >>> 0).toNumber(true);
                    }
                }
                if (d.steppedThroughMs != null) {
                    if (typeof d.steppedThroughMs === "object" ? d.steppedThroughMs.low || d.steppedThroughMs.high : $Number(d.steppedThroughMs) !== 0) {
                        if ($util.Long)
                            m.steppedThroughMs = $util.Long.fromValue(d.steppedThroughMs, false);
                        else if (typeof d.steppedThroughMs === "string")
                            m.steppedThroughMs = $parseInt(d.steppedThroughMs, 10);
                        else if (typeof d.steppedThroughMs === "number")
                            m.steppedThroughMs = d.steppedThroughMs;
                        else if (typeof d.steppedThroughMs === "object")
                            m.steppedThroughMs = new $util.LongBits(d.steppedThroughMs.low >>> 0, d.steppedThroughMs.high >>> 0).toNumber();
                    }
                }
                if (d.visibleThroughMs != null) {
                    if (typeof d.visibleThroughMs === "object" ? d.visibleThroughMs.low || d.visibleThroughMs.high : $Number(d.visibleThroughMs) !== 0) {
                        if ($util.Long)
                            m.visibleThroughMs = $util.Long.fromValue(d.visibleThroughMs, false);
                        else if (typeof d.visibleThroughMs === "string")
                            m.visibleThroughMs = $parseInt(d.visibleThroughMs, 10);
                        else if (typeof d.visibleThroughMs === "number")
                            m.visibleThroughMs = d.visibleThroughMs;
                        else if (typeof d.visibleThroughMs === "object")
                            m.visibleThroughMs = new $util.LongBits(d.visibleThroughMs.low >>> 0, d.visibleThroughMs.high >>> 0).toNumber();
                    }
                }
                if (d.lastBarSetMs != null) {
                    if (typeof d.lastBarSetMs === "object" ? d.lastBarSetMs.low || d.lastBarSetMs.high : $Number(d.lastBarSetMs) !== 0) {
                        if ($util.Long)
                            m.lastBarSetMs = $util.Long.fromValue(d.lastBarSetMs, false);
                        else if (typeof d.lastBarSetMs === "string")
                            m.lastBarSetMs = $parseInt(d.lastBarSetMs, 10);
                        else if (typeof d.lastBarSetMs === "number")
                            m.lastBarSetMs = d.lastBarSetMs;
                        else if (typeof d.lastBarSetMs === "object")
                            m.lastBarSetMs = new $util.LongBits(d.lastBarSetMs.low >>> 0, d.lastBarSetMs.high >>> 0).toNumber();
                    }
                }
                if (d.fills != null) {
                    if (typeof d.fills === "object" ? d.fills.low || d.fills.high : $Number(d.fills) !== 0) {
                        if ($util.Long)
                            m.fills = $util.Long.fromValue(d.fills, true);
                        else if (typeof d.fills === "string")
                            m.fills = $parseInt(d.fills, 10);
                        else if (typeof d.fills === "number")
                            m.fills = d.fills;
                        else if (typeof d.fills === "object")
                            m.fills = new $util.LongBits(d.fills.low >>> 0, d.fills.high >>> 0).toNumber(true);
                    }
                }
                if (d.updatedMs != null) {
                    if (typeof d.updatedMs === "object" ? d.updatedMs.low || d.updatedMs.high : $Number(d.updatedMs) !== 0) {
                        if ($util.Long)
                            m.updatedMs = $util.Long.fromValue(d.updatedMs, false);
                        else if (typeof d.updatedMs === "string")
                            m.updatedMs = $parseInt(d.updatedMs, 10);
                        else if (typeof d.updatedMs === "number")
                            m.updatedMs = d.updatedMs;
                        else if (typeof d.updatedMs === "object")
                            m.updatedMs = new $util.LongBits(d.updatedMs.low >>> 0, d.updatedMs.high >>> 0).toNumber();
                    }
                }
                if (d.swapBooked) {
                    if (!$Array.isArray(d.swapBooked))
                        throw $TypeError(".algotrader.v1.AccountState.swapBooked: array expected");
                    m.swapBooked = $Array(d.swapBooked.length);
                    for (var i = 0; i < d.swapBooked.length; ++i) {
                        m.swapBooked[i] = $String(d.swapBooked[i]);
                    }
                }
                if (d.protections) {
                    if (!$util.isObject(d.protections))
                        throw $TypeError(".algotrader.v1.AccountState.protections: object expected");
                    m.protections = {};
                    for (var ks = $Object.keys(d.protections), i = 0; i < ks.length; ++i) {
                        if (ks[i] === "__proto__")
                            $util.makeProp(m.protections, ks[i]);
                        if (!$util.isObject(d.protections[ks[i]]))
                            throw $TypeError(".algotrader.v1.AccountState.protections: object expected");
                        m.protections[ks[i]] = $root.algotrader.v1.ArmedExits.fromObject(d.protections[ks[i]], q + 1);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an AccountState message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.AccountState
             * @static
             * @param {algotrader.v1.AccountState} m AccountState
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            AccountState.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.orders = [];
                    d.pending = [];
                    d.done = [];
                    d.swapBooked = [];
                }
                if (o.objects || o.defaults) {
                    d.protections = {};
                }
                if (o.defaults) {
                    d.version = 0;
                    d.account = "";
                    d.quote = "";
                    d.book = null;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.mdSeq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.mdSeq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.orderSeq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.orderSeq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.steppedThroughMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.steppedThroughMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.visibleThroughMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.visibleThroughMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.lastBarSetMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.lastBarSetMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.fills = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.fills = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.updatedMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.updatedMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.version != null && $Object.hasOwnProperty.call(m, "version")) {
                    d.version = m.version;
                }
                if (m.account != null && $Object.hasOwnProperty.call(m, "account")) {
                    d.account = m.account;
                }
                if (m.quote != null && $Object.hasOwnProperty.call(m, "quote")) {
                    d.quote = m.quote;
                }
                if (m.book != null && $Object.hasOwnProperty.call(m, "book")) {
                    d.book = $root.algotrader.v1.AccountBook.toObject(m.book, o, q + 1);
                }
                if (m.orders && m.orders.length) {
                    d.orders = $Array(m.orders.length);
                    for (var j = 0; j < m.orders.length; ++j) {
                        d.orders[j] = $root.algotrader.v1.OrderRecord.toObject(m.orders[j], o, q + 1);
                    }
                }
                if (m.pending && m.pending.length) {
                    d.pending = $Array(m.pending.length);
                    for (var j = 0; j < m.pending.length; ++j) {
                        d.pending[j] = m.pending[j];
                    }
                }
                if (m.done && m.done.length) {
                    d.done = $Array(m.done.length);
                    for (var j = 0; j < m.done.length; ++j) {
                        d.done[j] = m.done[j];
                    }
                }
                if (m.mdSeq != null && $Object.hasOwnProperty.call(m, "mdSeq")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.mdSeq = typeof m.mdSeq === "number" ? $BigInt(m.mdSeq) : $util.Long.fromBits(m.mdSeq.low >>> 0, m.mdSeq.high >>> 0, true).toBigInt();
                    else if (typeof m.mdSeq === "number")
                        d.mdSeq = o.longs === $String ? $String(m.mdSeq) : m.mdSeq;
                    else
                        d.mdSeq = o.longs === $String ? $util.Long.prototype.toString.call(m.mdSeq) : o.longs === $Number ? new $util.LongBits(m.mdSeq.low >>> 0, m.mdSeq.high >>> 0).toNumber(true) : m.mdSeq;
                }
                if (m.orderSeq != null && $Object.hasOwnProperty.call(m, "orderSeq")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.orderSeq = typeof m.orderSeq === "number" ? $BigInt(m.orderSeq) : $util.Long.fromBits(m.orderSeq.low >>> 0, m.orderSeq.high >>> 0, true).toBigInt();
                    else if (typeof m.orderSeq === "number")
                        d.orderSeq = o.longs === $String ? $String(m.orderSeq) : m.orderSeq;
                    else
                        d.orderSeq = o.longs === $String ? $util.Long.prototype.toString.call(m.orderSeq) : o.longs === $Number ? new $util.LongBits(m.orderSeq.low >>> 0, m.orderSeq.high >>> 0).toNumber(true) : m.orderSeq;
                }
                if (m.steppedThroughMs != null && $Object.hasOwnProperty.call(m, "steppedThroughMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.steppedThroughMs = typeof m.steppedThroughMs === "number" ? $BigInt(m.steppedThroughMs) : $util.Long.fromBits(m.steppedThroughMs.low >>> 0, m.steppedThroughMs.high >>> 0, false).toBigInt();
                    else if (typeof m.steppedThroughMs === "number")
                        d.steppedThroughMs = o.longs === $String ? $String(m.steppedThroughMs) : m.steppedThroughMs;
                    else
                        d.steppedThroughMs = o.longs === $String ? $util.Long.prototype.toString.call(m.steppedThroughMs) : o.longs === $Number ? new $util.LongBits(m.steppedThroughMs.low >>> 0, m.steppedThroughMs.high >>> 0).toNumber() : m.steppedThroughMs;
                }
                if (m.visibleThroughMs != null && $Object.hasOwnProperty.call(m, "visibleThroughMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.visibleThroughMs = typeof m.visibleThroughMs === "number" ? $BigInt(m.visibleThroughMs) : $util.Long.fromBits(m.visibleThroughMs.low >>> 0, m.visibleThroughMs.high >>> 0, false).toBigInt();
                    else if (typeof m.visibleThroughMs === "number")
                        d.visibleThroughMs = o.longs === $String ? $String(m.visibleThroughMs) : m.visibleThroughMs;
                    else
                        d.visibleThroughMs = o.longs === $String ? $util.Long.prototype.toString.call(m.visibleThroughMs) : o.longs === $Number ? new $util.LongBits(m.visibleThroughMs.low >>> 0, m.visibleThroughMs.high >>> 0).toNumber() : m.visibleThroughMs;
                }
                if (m.lastBarSetMs != null && $Object.hasOwnProperty.call(m, "lastBarSetMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.lastBarSetMs = typeof m.lastBarSetMs === "number" ? $BigInt(m.lastBarSetMs) : $util.Long.fromBits(m.lastBarSetMs.low >>> 0, m.lastBarSetMs.high >>> 0, false).toBigInt();
                    else if (typeof m.lastBarSetMs === "number")
                        d.lastBarSetMs = o.longs === $String ? $String(m.lastBarSetMs) : m.lastBarSetMs;
                    else
                        d.lastBarSetMs = o.longs === $String ? $util.Long.prototype.toString.call(m.lastBarSetMs) : o.longs === $Number ? new $util.LongBits(m.lastBarSetMs.low >>> 0, m.lastBarSetMs.high >>> 0).toNumber() : m.lastBarSetMs;
                }
                if (m.fills != null && $Object.hasOwnProperty.call(m, "fills")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.fills = typeof m.fills === "number" ? $BigInt(m.fills) : $util.Long.fromBits(m.fills.low >>> 0, m.fills.high >>> 0, true).toBigInt();
                    else if (typeof m.fills === "number")
                        d.fills = o.longs === $String ? $String(m.fills) : m.fills;
                    else
                        d.fills = o.longs === $String ? $util.Long.prototype.toString.call(m.fills) : o.longs === $Number ? new $util.LongBits(m.fills.low >>> 0, m.fills.high >>> 0).toNumber(true) : m.fills;
                }
                if (m.updatedMs != null && $Object.hasOwnProperty.call(m, "updatedMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.updatedMs = typeof m.updatedMs === "number" ? $BigInt(m.updatedMs) : $util.Long.fromBits(m.updatedMs.low >>> 0, m.updatedMs.high >>> 0, false).toBigInt();
                    else if (typeof m.updatedMs === "number")
                        d.updatedMs = o.longs === $String ? $String(m.updatedMs) : m.updatedMs;
                    else
                        d.updatedMs = o.longs === $String ? $util.Long.prototype.toString.call(m.updatedMs) : o.longs === $Number ? new $util.LongBits(m.updatedMs.low >>> 0, m.updatedMs.high >>> 0).toNumber() : m.updatedMs;
                }
                if (m.swapBooked && m.swapBooked.length) {
                    d.swapBooked = $Array(m.swapBooked.length);
                    for (var j = 0; j < m.swapBooked.length; ++j) {
                        d.swapBooked[j] = m.swapBooked[j];
                    }
                }
                var ks2;
                if (m.protections && (ks2 = $Object.keys(m.protections)).length) {
                    d.protections = {};
                    for (var j = 0; j < ks2.length; ++j) {
                        if (ks2[j] === "__proto__")
                            $util.makeProp(d.protections, ks2[j]);
                        d.protections[ks2[j]] = $root.algotrader.v1.ArmedExits.toObject(m.protections[ks2[j]], o, q + 1);
                    }
                }
                return d;
            };

            /**
             * Converts this AccountState to JSON.
             * @function toJSON
             * @memberof algotrader.v1.AccountState
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            AccountState.prototype.toJSON = function() {
                return AccountState.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for AccountState
             * @function getTypeUrl
             * @memberof algotrader.v1.AccountState
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            AccountState.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.AccountState";
            };

            return AccountState;
        })();

        v1.DecisionProgress = (function() {

            /**
             * Properties of a DecisionProgress.
             * @typedef {Object} algotrader.v1.DecisionProgress.$Properties
             * @property {number|null} [decidedThroughMs] DecisionProgress decidedThroughMs
             * @property {number|null} [approvedSeq] DecisionProgress approvedSeq
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DecisionProgress.
             * @memberof algotrader.v1
             * @interface IDecisionProgress
             * @augments algotrader.v1.DecisionProgress.$Properties
             * @deprecated Use algotrader.v1.DecisionProgress.$Properties instead.
             */

            /**
             * Shape of a DecisionProgress.
             * @typedef {algotrader.v1.DecisionProgress.$Properties} algotrader.v1.DecisionProgress.$Shape
             */

            /**
             * Constructs a new DecisionProgress.
             * @memberof algotrader.v1
             * @classdesc Represents a DecisionProgress.
             * @constructor
             * @param {algotrader.v1.DecisionProgress.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DecisionProgress = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * DecisionProgress decidedThroughMs.
             * @member {number} decidedThroughMs
             * @memberof algotrader.v1.DecisionProgress
             * @instance
             */
            DecisionProgress.prototype.decidedThroughMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * DecisionProgress approvedSeq.
             * @member {number} approvedSeq
             * @memberof algotrader.v1.DecisionProgress
             * @instance
             */
            DecisionProgress.prototype.approvedSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new DecisionProgress instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.DecisionProgress
             * @static
             * @param {algotrader.v1.DecisionProgress.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.DecisionProgress} DecisionProgress instance
             * @type {{
             *   (properties: algotrader.v1.DecisionProgress.$Shape): algotrader.v1.DecisionProgress & algotrader.v1.DecisionProgress.$Shape;
             *   (properties?: algotrader.v1.DecisionProgress.$Properties): algotrader.v1.DecisionProgress;
             * }}
             */
            DecisionProgress.create = function(properties) {
                return new DecisionProgress(properties);
            };

            /**
             * Encodes the specified DecisionProgress message. Does not implicitly {@link algotrader.v1.DecisionProgress.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.DecisionProgress
             * @static
             * @param {algotrader.v1.DecisionProgress.$Properties} m DecisionProgress message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DecisionProgress.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.decidedThroughMs != null && $Object.hasOwnProperty.call(m, "decidedThroughMs") && (typeof m.decidedThroughMs === "object" ? m.decidedThroughMs.low || m.decidedThroughMs.high : m.decidedThroughMs !== 0))
                    w.uint32(/* id 1, wireType 0 =*/8).int64(m.decidedThroughMs);
                if (m.approvedSeq != null && $Object.hasOwnProperty.call(m, "approvedSeq") && (typeof m.approvedSeq === "object" ? m.approvedSeq.low || m.approvedSeq.high : m.approvedSeq !== 0))
                    w.uint32(/* id 2, wireType 0 =*/16).uint64(m.approvedSeq);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified DecisionProgress message, length delimited. Does not implicitly {@link algotrader.v1.DecisionProgress.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.DecisionProgress
             * @static
             * @param {algotrader.v1.DecisionProgress.$Properties} message DecisionProgress message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DecisionProgress.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a DecisionProgress message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.DecisionProgress
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.DecisionProgress & algotrader.v1.DecisionProgress.$Shape} DecisionProgress
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DecisionProgress.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.DecisionProgress();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.decidedThroughMs = v;
                            else
                                delete m.decidedThroughMs;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.approvedSeq = v;
                            else
                                delete m.approvedSeq;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a DecisionProgress message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.DecisionProgress
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.DecisionProgress & algotrader.v1.DecisionProgress.$Shape} DecisionProgress
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DecisionProgress.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a DecisionProgress message.
             * @function verify
             * @memberof algotrader.v1.DecisionProgress
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            DecisionProgress.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.decidedThroughMs != null && $Object.hasOwnProperty.call(m, "decidedThroughMs")) {
                    if (!$util.isInteger(m.decidedThroughMs) && !(m.decidedThroughMs && $util.isInteger(m.decidedThroughMs.low) && $util.isInteger(m.decidedThroughMs.high)))
                        return "decidedThroughMs: integer|Long expected";
                }
                if (m.approvedSeq != null && $Object.hasOwnProperty.call(m, "approvedSeq")) {
                    if (!$util.isInteger(m.approvedSeq) && !(m.approvedSeq && $util.isInteger(m.approvedSeq.low) && $util.isInteger(m.approvedSeq.high)))
                        return "approvedSeq: integer|Long expected";
                }
                return null;
            };

            /**
             * Creates a DecisionProgress message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.DecisionProgress
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.DecisionProgress} DecisionProgress
             */
            DecisionProgress.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.DecisionProgress)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.DecisionProgress: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.DecisionProgress();
                if (d.decidedThroughMs != null) {
                    if (typeof d.decidedThroughMs === "object" ? d.decidedThroughMs.low || d.decidedThroughMs.high : $Number(d.decidedThroughMs) !== 0) {
                        if ($util.Long)
                            m.decidedThroughMs = $util.Long.fromValue(d.decidedThroughMs, false);
                        else if (typeof d.decidedThroughMs === "string")
                            m.decidedThroughMs = $parseInt(d.decidedThroughMs, 10);
                        else if (typeof d.decidedThroughMs === "number")
                            m.decidedThroughMs = d.decidedThroughMs;
                        else if (typeof d.decidedThroughMs === "object")
                            m.decidedThroughMs = new $util.LongBits(d.decidedThroughMs.low >>> 0, d.decidedThroughMs.high >>> 0).toNumber();
                    }
                }
                if (d.approvedSeq != null) {
                    if (typeof d.approvedSeq === "object" ? d.approvedSeq.low || d.approvedSeq.high : $Number(d.approvedSeq) !== 0) {
                        if ($util.Long)
                            m.approvedSeq = $util.Long.fromValue(d.approvedSeq, true);
                        else if (typeof d.approvedSeq === "string")
                            m.approvedSeq = $parseInt(d.approvedSeq, 10);
                        else if (typeof d.approvedSeq === "number")
                            m.approvedSeq = d.approvedSeq;
                        else if (typeof d.approvedSeq === "object")
                            m.approvedSeq = new $util.LongBits(d.approvedSeq.low >>> 0, d.approvedSeq.high >>> 0).toNumber(true);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a DecisionProgress message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.DecisionProgress
             * @static
             * @param {algotrader.v1.DecisionProgress} m DecisionProgress
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            DecisionProgress.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.decidedThroughMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.decidedThroughMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.approvedSeq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.approvedSeq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.decidedThroughMs != null && $Object.hasOwnProperty.call(m, "decidedThroughMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.decidedThroughMs = typeof m.decidedThroughMs === "number" ? $BigInt(m.decidedThroughMs) : $util.Long.fromBits(m.decidedThroughMs.low >>> 0, m.decidedThroughMs.high >>> 0, false).toBigInt();
                    else if (typeof m.decidedThroughMs === "number")
                        d.decidedThroughMs = o.longs === $String ? $String(m.decidedThroughMs) : m.decidedThroughMs;
                    else
                        d.decidedThroughMs = o.longs === $String ? $util.Long.prototype.toString.call(m.decidedThroughMs) : o.longs === $Number ? new $util.LongBits(m.decidedThroughMs.low >>> 0, m.decidedThroughMs.high >>> 0).toNumber() : m.decidedThroughMs;
                }
                if (m.approvedSeq != null && $Object.hasOwnProperty.call(m, "approvedSeq")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.approvedSeq = typeof m.approvedSeq === "number" ? $BigInt(m.approvedSeq) : $util.Long.fromBits(m.approvedSeq.low >>> 0, m.approvedSeq.high >>> 0, true).toBigInt();
                    else if (typeof m.approvedSeq === "number")
                        d.approvedSeq = o.longs === $String ? $String(m.approvedSeq) : m.approvedSeq;
                    else
                        d.approvedSeq = o.longs === $String ? $util.Long.prototype.toString.call(m.approvedSeq) : o.longs === $Number ? new $util.LongBits(m.approvedSeq.low >>> 0, m.approvedSeq.high >>> 0).toNumber(true) : m.approvedSeq;
                }
                return d;
            };

            /**
             * Converts this DecisionProgress to JSON.
             * @function toJSON
             * @memberof algotrader.v1.DecisionProgress
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            DecisionProgress.prototype.toJSON = function() {
                return DecisionProgress.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for DecisionProgress
             * @function getTypeUrl
             * @memberof algotrader.v1.DecisionProgress
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            DecisionProgress.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.DecisionProgress";
            };

            return DecisionProgress;
        })();

        v1.Signal = (function() {

            /**
             * Properties of a Signal.
             * @typedef {Object} algotrader.v1.Signal.$Properties
             * @property {string|null} [strategy] Signal strategy
             * @property {algotrader.v1.InstrumentRef.$Properties|null} [instrument] Signal instrument
             * @property {number|null} [closeTimeMs] Signal closeTimeMs
             * @property {algotrader.v1.TargetPosition.$Properties|null} [target] Signal target
             * @property {algotrader.v1.OrderIntent.$Properties|null} [intent] Signal intent
             * @property {string|null} [account] Signal account
             * @property {algotrader.v1.ProtectiveExits.$Properties|null} [exits] Signal exits
             * @property {"target"|"intent"} [decision] Signal decision
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Signal.
             * @memberof algotrader.v1
             * @interface ISignal
             * @augments algotrader.v1.Signal.$Properties
             * @deprecated Use algotrader.v1.Signal.$Properties instead.
             */

            /**
             * Narrowed shape of a Signal.
             * @typedef {{
             *   strategy?: string|null;
             *   instrument?: algotrader.v1.InstrumentRef.$Shape|null;
             *   closeTimeMs?: number|null;
             *   target?: algotrader.v1.TargetPosition.$Shape|null;
             *   intent?: algotrader.v1.OrderIntent.$Shape|null;
             *   account?: string|null;
             *   exits?: algotrader.v1.ProtectiveExits.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ decision?: undefined; target?: null; intent?: null }|{ decision?: "target"; target: algotrader.v1.TargetPosition.$Shape; intent?: null }|{ decision?: "intent"; target?: null; intent: algotrader.v1.OrderIntent.$Shape })
             * )} algotrader.v1.Signal.$Shape
             */

            /**
             * Constructs a new Signal.
             * @memberof algotrader.v1
             * @classdesc Represents a Signal.
             * @constructor
             * @param {algotrader.v1.Signal.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Signal = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Signal strategy.
             * @member {string} strategy
             * @memberof algotrader.v1.Signal
             * @instance
             */
            Signal.prototype.strategy = "";

            /**
             * Signal instrument.
             * @member {algotrader.v1.InstrumentRef.$Properties|null|undefined} instrument
             * @memberof algotrader.v1.Signal
             * @instance
             */
            Signal.prototype.instrument = null;

            /**
             * Signal closeTimeMs.
             * @member {number} closeTimeMs
             * @memberof algotrader.v1.Signal
             * @instance
             */
            Signal.prototype.closeTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Signal target.
             * @member {algotrader.v1.TargetPosition.$Properties|null|undefined} target
             * @memberof algotrader.v1.Signal
             * @instance
             */
            Signal.prototype.target = null;

            /**
             * Signal intent.
             * @member {algotrader.v1.OrderIntent.$Properties|null|undefined} intent
             * @memberof algotrader.v1.Signal
             * @instance
             */
            Signal.prototype.intent = null;

            /**
             * Signal account.
             * @member {string} account
             * @memberof algotrader.v1.Signal
             * @instance
             */
            Signal.prototype.account = "";

            /**
             * Signal exits.
             * @member {algotrader.v1.ProtectiveExits.$Properties|null|undefined} exits
             * @memberof algotrader.v1.Signal
             * @instance
             */
            Signal.prototype.exits = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Signal decision.
             * @member {"target"|"intent"|undefined} decision
             * @memberof algotrader.v1.Signal
             * @instance
             */
            $Object.defineProperty(Signal.prototype, "decision", {
                get: $util.oneOfGetter($oneOfFields = ["target", "intent"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Signal instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.Signal
             * @static
             * @param {algotrader.v1.Signal.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.Signal} Signal instance
             * @type {{
             *   (properties: algotrader.v1.Signal.$Shape): algotrader.v1.Signal & algotrader.v1.Signal.$Shape;
             *   (properties?: algotrader.v1.Signal.$Properties): algotrader.v1.Signal;
             * }}
             */
            Signal.create = function(properties) {
                return new Signal(properties);
            };

            /**
             * Encodes the specified Signal message. Does not implicitly {@link algotrader.v1.Signal.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.Signal
             * @static
             * @param {algotrader.v1.Signal.$Properties} m Signal message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Signal.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.strategy != null && $Object.hasOwnProperty.call(m, "strategy") && m.strategy !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.strategy);
                if (m.instrument != null && $Object.hasOwnProperty.call(m, "instrument"))
                    $root.algotrader.v1.InstrumentRef.encode(m.instrument, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.closeTimeMs != null && $Object.hasOwnProperty.call(m, "closeTimeMs") && (typeof m.closeTimeMs === "object" ? m.closeTimeMs.low || m.closeTimeMs.high : m.closeTimeMs !== 0))
                    w.uint32(/* id 3, wireType 0 =*/24).int64(m.closeTimeMs);
                if (m.target != null && $Object.hasOwnProperty.call(m, "target"))
                    $root.algotrader.v1.TargetPosition.encode(m.target, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                if (m.intent != null && $Object.hasOwnProperty.call(m, "intent"))
                    $root.algotrader.v1.OrderIntent.encode(m.intent, w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                if (m.account != null && $Object.hasOwnProperty.call(m, "account") && m.account !== "")
                    w.uint32(/* id 6, wireType 2 =*/50).string(m.account);
                if (m.exits != null && $Object.hasOwnProperty.call(m, "exits"))
                    $root.algotrader.v1.ProtectiveExits.encode(m.exits, w.uint32(/* id 7, wireType 2 =*/58).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Signal message, length delimited. Does not implicitly {@link algotrader.v1.Signal.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.Signal
             * @static
             * @param {algotrader.v1.Signal.$Properties} message Signal message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Signal.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Signal message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.Signal
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.Signal & algotrader.v1.Signal.$Shape} Signal
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Signal.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.Signal();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.strategy = v;
                            else
                                delete m.strategy;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.instrument = $root.algotrader.v1.InstrumentRef.decode(r, r.size(), $undefined, q + 1, m.instrument);
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.closeTimeMs = v;
                            else
                                delete m.closeTimeMs;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            m.target = $root.algotrader.v1.TargetPosition.decode(r, r.size(), $undefined, q + 1, m.target);
                            m.decision = "target";
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            m.intent = $root.algotrader.v1.OrderIntent.decode(r, r.size(), $undefined, q + 1, m.intent);
                            m.decision = "intent";
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.account = v;
                            else
                                delete m.account;
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            m.exits = $root.algotrader.v1.ProtectiveExits.decode(r, r.size(), $undefined, q + 1, m.exits);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Signal message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.Signal
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.Signal & algotrader.v1.Signal.$Shape} Signal
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Signal.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Signal message.
             * @function verify
             * @memberof algotrader.v1.Signal
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Signal.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                var p = {};
                if (m.strategy != null && $Object.hasOwnProperty.call(m, "strategy")) {
                    if (!$util.isString(m.strategy))
                        return "strategy: string expected";
                }
                if (m.instrument != null && $Object.hasOwnProperty.call(m, "instrument")) {
                    {
                        var e = $root.algotrader.v1.InstrumentRef.verify(m.instrument, q + 1);
                        if (e)
                            return "instrument." + e;
                    }
                }
                if (m.closeTimeMs != null && $Object.hasOwnProperty.call(m, "closeTimeMs")) {
                    if (!$util.isInteger(m.closeTimeMs) && !(m.closeTimeMs && $util.isInteger(m.closeTimeMs.low) && $util.isInteger(m.closeTimeMs.high)))
                        return "closeTimeMs: integer|Long expected";
                }
                if (m.target != null && $Object.hasOwnProperty.call(m, "target")) {
                    p.decision = 1;
                    {
                        var e = $root.algotrader.v1.TargetPosition.verify(m.target, q + 1);
                        if (e)
                            return "target." + e;
                    }
                }
                if (m.intent != null && $Object.hasOwnProperty.call(m, "intent")) {
                    if (p.decision === 1)
                        return "decision: multiple values";
                    p.decision = 1;
                    {
                        var e = $root.algotrader.v1.OrderIntent.verify(m.intent, q + 1);
                        if (e)
                            return "intent." + e;
                    }
                }
                if (m.account != null && $Object.hasOwnProperty.call(m, "account")) {
                    if (!$util.isString(m.account))
                        return "account: string expected";
                }
                if (m.exits != null && $Object.hasOwnProperty.call(m, "exits")) {
                    {
                        var e = $root.algotrader.v1.ProtectiveExits.verify(m.exits, q + 1);
                        if (e)
                            return "exits." + e;
                    }
                }
                return null;
            };

            /**
             * Creates a Signal message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.Signal
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.Signal} Signal
             */
            Signal.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.Signal)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.Signal: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.Signal();
                if (d.strategy != null) {
                    if (typeof d.strategy !== "string" || d.strategy.length) {
                        m.strategy = $String(d.strategy);
                    }
                }
                if (d.instrument != null) {
                    if (!$util.isObject(d.instrument))
                        throw $TypeError(".algotrader.v1.Signal.instrument: object expected");
                    m.instrument = $root.algotrader.v1.InstrumentRef.fromObject(d.instrument, q + 1);
                }
                if (d.closeTimeMs != null) {
                    if (typeof d.closeTimeMs === "object" ? d.closeTimeMs.low || d.closeTimeMs.high : $Number(d.closeTimeMs) !== 0) {
                        if ($util.Long)
                            m.closeTimeMs = $util.Long.fromValue(d.closeTimeMs, false);
                        else if (typeof d.closeTimeMs === "string")
                            m.closeTimeMs = $parseInt(d.closeTimeMs, 10);
                        else if (typeof d.closeTimeMs === "number")
                            m.closeTimeMs = d.closeTimeMs;
                        else if (typeof d.closeTimeMs === "object")
                            m.closeTimeMs = new $util.LongBits(d.closeTimeMs.low >>> 0, d.closeTimeMs.high >>> 0).toNumber();
                    }
                }
                if (d.target != null) {
                    if (!$util.isObject(d.target))
                        throw $TypeError(".algotrader.v1.Signal.target: object expected");
                    m.target = $root.algotrader.v1.TargetPosition.fromObject(d.target, q + 1);
                }
                if (d.intent != null) {
                    if (!$util.isObject(d.intent))
                        throw $TypeError(".algotrader.v1.Signal.intent: object expected");
                    m.intent = $root.algotrader.v1.OrderIntent.fromObject(d.intent, q + 1);
                }
                if (d.account != null) {
                    if (typeof d.account !== "string" || d.account.length) {
                        m.account = $String(d.account);
                    }
                }
                if (d.exits != null) {
                    if (!$util.isObject(d.exits))
                        throw $TypeError(".algotrader.v1.Signal.exits: object expected");
                    m.exits = $root.algotrader.v1.ProtectiveExits.fromObject(d.exits, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from a Signal message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.Signal
             * @static
             * @param {algotrader.v1.Signal} m Signal
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Signal.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.strategy = "";
                    d.instrument = null;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.closeTimeMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.closeTimeMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.account = "";
                    d.exits = null;
                }
                if (m.strategy != null && $Object.hasOwnProperty.call(m, "strategy")) {
                    d.strategy = m.strategy;
                }
                if (m.instrument != null && $Object.hasOwnProperty.call(m, "instrument")) {
                    d.instrument = $root.algotrader.v1.InstrumentRef.toObject(m.instrument, o, q + 1);
                }
                if (m.closeTimeMs != null && $Object.hasOwnProperty.call(m, "closeTimeMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.closeTimeMs = typeof m.closeTimeMs === "number" ? $BigInt(m.closeTimeMs) : $util.Long.fromBits(m.closeTimeMs.low >>> 0, m.closeTimeMs.high >>> 0, false).toBigInt();
                    else if (typeof m.closeTimeMs === "number")
                        d.closeTimeMs = o.longs === $String ? $String(m.closeTimeMs) : m.closeTimeMs;
                    else
                        d.closeTimeMs = o.longs === $String ? $util.Long.prototype.toString.call(m.closeTimeMs) : o.longs === $Number ? new $util.LongBits(m.closeTimeMs.low >>> 0, m.closeTimeMs.high >>> 0).toNumber() : m.closeTimeMs;
                }
                if (m.target != null && $Object.hasOwnProperty.call(m, "target")) {
                    d.target = $root.algotrader.v1.TargetPosition.toObject(m.target, o, q + 1);
                    if (o.oneofs)
                        d.decision = "target";
                }
                if (m.intent != null && $Object.hasOwnProperty.call(m, "intent")) {
                    d.intent = $root.algotrader.v1.OrderIntent.toObject(m.intent, o, q + 1);
                    if (o.oneofs)
                        d.decision = "intent";
                }
                if (m.account != null && $Object.hasOwnProperty.call(m, "account")) {
                    d.account = m.account;
                }
                if (m.exits != null && $Object.hasOwnProperty.call(m, "exits")) {
                    d.exits = $root.algotrader.v1.ProtectiveExits.toObject(m.exits, o, q + 1);
                }
                return d;
            };

            /**
             * Converts this Signal to JSON.
             * @function toJSON
             * @memberof algotrader.v1.Signal
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Signal.prototype.toJSON = function() {
                return Signal.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Signal
             * @function getTypeUrl
             * @memberof algotrader.v1.Signal
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Signal.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.Signal";
            };

            return Signal;
        })();

        v1.ProtectiveExits = (function() {

            /**
             * Properties of a ProtectiveExits.
             * @typedef {Object} algotrader.v1.ProtectiveExits.$Properties
             * @property {string|null} [stopLossPrice] ProtectiveExits stopLossPrice
             * @property {string|null} [stopLossFraction] ProtectiveExits stopLossFraction
             * @property {string|null} [takeProfitPrice] ProtectiveExits takeProfitPrice
             * @property {string|null} [takeProfitFraction] ProtectiveExits takeProfitFraction
             * @property {string|null} [trailingStopFraction] ProtectiveExits trailingStopFraction
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ProtectiveExits.
             * @memberof algotrader.v1
             * @interface IProtectiveExits
             * @augments algotrader.v1.ProtectiveExits.$Properties
             * @deprecated Use algotrader.v1.ProtectiveExits.$Properties instead.
             */

            /**
             * Shape of a ProtectiveExits.
             * @typedef {algotrader.v1.ProtectiveExits.$Properties} algotrader.v1.ProtectiveExits.$Shape
             */

            /**
             * Constructs a new ProtectiveExits.
             * @memberof algotrader.v1
             * @classdesc Represents a ProtectiveExits.
             * @constructor
             * @param {algotrader.v1.ProtectiveExits.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ProtectiveExits = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ProtectiveExits stopLossPrice.
             * @member {string} stopLossPrice
             * @memberof algotrader.v1.ProtectiveExits
             * @instance
             */
            ProtectiveExits.prototype.stopLossPrice = "";

            /**
             * ProtectiveExits stopLossFraction.
             * @member {string} stopLossFraction
             * @memberof algotrader.v1.ProtectiveExits
             * @instance
             */
            ProtectiveExits.prototype.stopLossFraction = "";

            /**
             * ProtectiveExits takeProfitPrice.
             * @member {string} takeProfitPrice
             * @memberof algotrader.v1.ProtectiveExits
             * @instance
             */
            ProtectiveExits.prototype.takeProfitPrice = "";

            /**
             * ProtectiveExits takeProfitFraction.
             * @member {string} takeProfitFraction
             * @memberof algotrader.v1.ProtectiveExits
             * @instance
             */
            ProtectiveExits.prototype.takeProfitFraction = "";

            /**
             * ProtectiveExits trailingStopFraction.
             * @member {string} trailingStopFraction
             * @memberof algotrader.v1.ProtectiveExits
             * @instance
             */
            ProtectiveExits.prototype.trailingStopFraction = "";

            /**
             * Creates a new ProtectiveExits instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.ProtectiveExits
             * @static
             * @param {algotrader.v1.ProtectiveExits.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.ProtectiveExits} ProtectiveExits instance
             * @type {{
             *   (properties: algotrader.v1.ProtectiveExits.$Shape): algotrader.v1.ProtectiveExits & algotrader.v1.ProtectiveExits.$Shape;
             *   (properties?: algotrader.v1.ProtectiveExits.$Properties): algotrader.v1.ProtectiveExits;
             * }}
             */
            ProtectiveExits.create = function(properties) {
                return new ProtectiveExits(properties);
            };

            /**
             * Encodes the specified ProtectiveExits message. Does not implicitly {@link algotrader.v1.ProtectiveExits.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.ProtectiveExits
             * @static
             * @param {algotrader.v1.ProtectiveExits.$Properties} m ProtectiveExits message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ProtectiveExits.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.stopLossPrice != null && $Object.hasOwnProperty.call(m, "stopLossPrice") && m.stopLossPrice !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.stopLossPrice);
                if (m.stopLossFraction != null && $Object.hasOwnProperty.call(m, "stopLossFraction") && m.stopLossFraction !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.stopLossFraction);
                if (m.takeProfitPrice != null && $Object.hasOwnProperty.call(m, "takeProfitPrice") && m.takeProfitPrice !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.takeProfitPrice);
                if (m.takeProfitFraction != null && $Object.hasOwnProperty.call(m, "takeProfitFraction") && m.takeProfitFraction !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.takeProfitFraction);
                if (m.trailingStopFraction != null && $Object.hasOwnProperty.call(m, "trailingStopFraction") && m.trailingStopFraction !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.trailingStopFraction);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified ProtectiveExits message, length delimited. Does not implicitly {@link algotrader.v1.ProtectiveExits.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.ProtectiveExits
             * @static
             * @param {algotrader.v1.ProtectiveExits.$Properties} message ProtectiveExits message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ProtectiveExits.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a ProtectiveExits message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.ProtectiveExits
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.ProtectiveExits & algotrader.v1.ProtectiveExits.$Shape} ProtectiveExits
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ProtectiveExits.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.ProtectiveExits();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.stopLossPrice = v;
                            else
                                delete m.stopLossPrice;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.stopLossFraction = v;
                            else
                                delete m.stopLossFraction;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.takeProfitPrice = v;
                            else
                                delete m.takeProfitPrice;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.takeProfitFraction = v;
                            else
                                delete m.takeProfitFraction;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.trailingStopFraction = v;
                            else
                                delete m.trailingStopFraction;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a ProtectiveExits message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.ProtectiveExits
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.ProtectiveExits & algotrader.v1.ProtectiveExits.$Shape} ProtectiveExits
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ProtectiveExits.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a ProtectiveExits message.
             * @function verify
             * @memberof algotrader.v1.ProtectiveExits
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ProtectiveExits.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.stopLossPrice != null && $Object.hasOwnProperty.call(m, "stopLossPrice")) {
                    if (!$util.isString(m.stopLossPrice))
                        return "stopLossPrice: string expected";
                }
                if (m.stopLossFraction != null && $Object.hasOwnProperty.call(m, "stopLossFraction")) {
                    if (!$util.isString(m.stopLossFraction))
                        return "stopLossFraction: string expected";
                }
                if (m.takeProfitPrice != null && $Object.hasOwnProperty.call(m, "takeProfitPrice")) {
                    if (!$util.isString(m.takeProfitPrice))
                        return "takeProfitPrice: string expected";
                }
                if (m.takeProfitFraction != null && $Object.hasOwnProperty.call(m, "takeProfitFraction")) {
                    if (!$util.isString(m.takeProfitFraction))
                        return "takeProfitFraction: string expected";
                }
                if (m.trailingStopFraction != null && $Object.hasOwnProperty.call(m, "trailingStopFraction")) {
                    if (!$util.isString(m.trailingStopFraction))
                        return "trailingStopFraction: string expected";
                }
                return null;
            };

            /**
             * Creates a ProtectiveExits message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.ProtectiveExits
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.ProtectiveExits} ProtectiveExits
             */
            ProtectiveExits.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.ProtectiveExits)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.ProtectiveExits: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.ProtectiveExits();
                if (d.stopLossPrice != null) {
                    if (typeof d.stopLossPrice !== "string" || d.stopLossPrice.length) {
                        m.stopLossPrice = $String(d.stopLossPrice);
                    }
                }
                if (d.stopLossFraction != null) {
                    if (typeof d.stopLossFraction !== "string" || d.stopLossFraction.length) {
                        m.stopLossFraction = $String(d.stopLossFraction);
                    }
                }
                if (d.takeProfitPrice != null) {
                    if (typeof d.takeProfitPrice !== "string" || d.takeProfitPrice.length) {
                        m.takeProfitPrice = $String(d.takeProfitPrice);
                    }
                }
                if (d.takeProfitFraction != null) {
                    if (typeof d.takeProfitFraction !== "string" || d.takeProfitFraction.length) {
                        m.takeProfitFraction = $String(d.takeProfitFraction);
                    }
                }
                if (d.trailingStopFraction != null) {
                    if (typeof d.trailingStopFraction !== "string" || d.trailingStopFraction.length) {
                        m.trailingStopFraction = $String(d.trailingStopFraction);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a ProtectiveExits message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.ProtectiveExits
             * @static
             * @param {algotrader.v1.ProtectiveExits} m ProtectiveExits
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ProtectiveExits.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.stopLossPrice = "";
                    d.stopLossFraction = "";
                    d.takeProfitPrice = "";
                    d.takeProfitFraction = "";
                    d.trailingStopFraction = "";
                }
                if (m.stopLossPrice != null && $Object.hasOwnProperty.call(m, "stopLossPrice")) {
                    d.stopLossPrice = m.stopLossPrice;
                }
                if (m.stopLossFraction != null && $Object.hasOwnProperty.call(m, "stopLossFraction")) {
                    d.stopLossFraction = m.stopLossFraction;
                }
                if (m.takeProfitPrice != null && $Object.hasOwnProperty.call(m, "takeProfitPrice")) {
                    d.takeProfitPrice = m.takeProfitPrice;
                }
                if (m.takeProfitFraction != null && $Object.hasOwnProperty.call(m, "takeProfitFraction")) {
                    d.takeProfitFraction = m.takeProfitFraction;
                }
                if (m.trailingStopFraction != null && $Object.hasOwnProperty.call(m, "trailingStopFraction")) {
                    d.trailingStopFraction = m.trailingStopFraction;
                }
                return d;
            };

            /**
             * Converts this ProtectiveExits to JSON.
             * @function toJSON
             * @memberof algotrader.v1.ProtectiveExits
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ProtectiveExits.prototype.toJSON = function() {
                return ProtectiveExits.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ProtectiveExits
             * @function getTypeUrl
             * @memberof algotrader.v1.ProtectiveExits
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ProtectiveExits.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.ProtectiveExits";
            };

            return ProtectiveExits;
        })();

        /**
         * ExitReason enum.
         * @name algotrader.v1.ExitReason
         * @enum {number}
         * @property {number} EXIT_REASON_UNSPECIFIED=0 EXIT_REASON_UNSPECIFIED value
         * @property {number} EXIT_REASON_SIGNAL=1 EXIT_REASON_SIGNAL value
         * @property {number} EXIT_REASON_STOP_LOSS=2 EXIT_REASON_STOP_LOSS value
         * @property {number} EXIT_REASON_TAKE_PROFIT=3 EXIT_REASON_TAKE_PROFIT value
         * @property {number} EXIT_REASON_TRAILING_STOP=4 EXIT_REASON_TRAILING_STOP value
         * @property {number} EXIT_REASON_FORCEEXIT=5 EXIT_REASON_FORCEEXIT value
         * @property {number} EXIT_REASON_LIQUIDATION=6 EXIT_REASON_LIQUIDATION value
         */
        v1.ExitReason = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "EXIT_REASON_UNSPECIFIED"] = 0;
            values[valuesById[1] = "EXIT_REASON_SIGNAL"] = 1;
            values[valuesById[2] = "EXIT_REASON_STOP_LOSS"] = 2;
            values[valuesById[3] = "EXIT_REASON_TAKE_PROFIT"] = 3;
            values[valuesById[4] = "EXIT_REASON_TRAILING_STOP"] = 4;
            values[valuesById[5] = "EXIT_REASON_FORCEEXIT"] = 5;
            values[valuesById[6] = "EXIT_REASON_LIQUIDATION"] = 6;
            return values;
        })();

        v1.TargetPosition = (function() {

            /**
             * Properties of a TargetPosition.
             * @typedef {Object} algotrader.v1.TargetPosition.$Properties
             * @property {string|null} [units] TargetPosition units
             * @property {string|null} [equityFraction] TargetPosition equityFraction
             * @property {"units"|"equityFraction"} [size] TargetPosition size
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a TargetPosition.
             * @memberof algotrader.v1
             * @interface ITargetPosition
             * @augments algotrader.v1.TargetPosition.$Properties
             * @deprecated Use algotrader.v1.TargetPosition.$Properties instead.
             */

            /**
             * Narrowed shape of a TargetPosition.
             * @typedef {{
             *   units?: string|null;
             *   equityFraction?: string|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ size?: undefined; units?: null; equityFraction?: null }|{ size?: "units"; units: string; equityFraction?: null }|{ size?: "equityFraction"; units?: null; equityFraction: string })
             * )} algotrader.v1.TargetPosition.$Shape
             */

            /**
             * Constructs a new TargetPosition.
             * @memberof algotrader.v1
             * @classdesc Represents a TargetPosition.
             * @constructor
             * @param {algotrader.v1.TargetPosition.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const TargetPosition = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * TargetPosition units.
             * @member {string|null|undefined} units
             * @memberof algotrader.v1.TargetPosition
             * @instance
             */
            TargetPosition.prototype.units = null;

            /**
             * TargetPosition equityFraction.
             * @member {string|null|undefined} equityFraction
             * @memberof algotrader.v1.TargetPosition
             * @instance
             */
            TargetPosition.prototype.equityFraction = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * TargetPosition size.
             * @member {"units"|"equityFraction"|undefined} size
             * @memberof algotrader.v1.TargetPosition
             * @instance
             */
            $Object.defineProperty(TargetPosition.prototype, "size", {
                get: $util.oneOfGetter($oneOfFields = ["units", "equityFraction"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new TargetPosition instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.TargetPosition
             * @static
             * @param {algotrader.v1.TargetPosition.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.TargetPosition} TargetPosition instance
             * @type {{
             *   (properties: algotrader.v1.TargetPosition.$Shape): algotrader.v1.TargetPosition & algotrader.v1.TargetPosition.$Shape;
             *   (properties?: algotrader.v1.TargetPosition.$Properties): algotrader.v1.TargetPosition;
             * }}
             */
            TargetPosition.create = function(properties) {
                return new TargetPosition(properties);
            };

            /**
             * Encodes the specified TargetPosition message. Does not implicitly {@link algotrader.v1.TargetPosition.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.TargetPosition
             * @static
             * @param {algotrader.v1.TargetPosition.$Properties} m TargetPosition message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TargetPosition.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.units != null && $Object.hasOwnProperty.call(m, "units"))
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.units);
                if (m.equityFraction != null && $Object.hasOwnProperty.call(m, "equityFraction"))
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.equityFraction);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified TargetPosition message, length delimited. Does not implicitly {@link algotrader.v1.TargetPosition.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.TargetPosition
             * @static
             * @param {algotrader.v1.TargetPosition.$Properties} message TargetPosition message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TargetPosition.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a TargetPosition message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.TargetPosition
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.TargetPosition & algotrader.v1.TargetPosition.$Shape} TargetPosition
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TargetPosition.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.TargetPosition();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.units = r.stringVerify();
                            m.size = "units";
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.equityFraction = r.stringVerify();
                            m.size = "equityFraction";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a TargetPosition message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.TargetPosition
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.TargetPosition & algotrader.v1.TargetPosition.$Shape} TargetPosition
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TargetPosition.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a TargetPosition message.
             * @function verify
             * @memberof algotrader.v1.TargetPosition
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            TargetPosition.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                var p = {};
                if (m.units != null && $Object.hasOwnProperty.call(m, "units")) {
                    p.size = 1;
                    if (!$util.isString(m.units))
                        return "units: string expected";
                }
                if (m.equityFraction != null && $Object.hasOwnProperty.call(m, "equityFraction")) {
                    if (p.size === 1)
                        return "size: multiple values";
                    p.size = 1;
                    if (!$util.isString(m.equityFraction))
                        return "equityFraction: string expected";
                }
                return null;
            };

            /**
             * Creates a TargetPosition message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.TargetPosition
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.TargetPosition} TargetPosition
             */
            TargetPosition.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.TargetPosition)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.TargetPosition: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.TargetPosition();
                if (d.units != null) {
                    m.units = $String(d.units);
                }
                if (d.equityFraction != null) {
                    m.equityFraction = $String(d.equityFraction);
                }
                return m;
            };

            /**
             * Creates a plain object from a TargetPosition message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.TargetPosition
             * @static
             * @param {algotrader.v1.TargetPosition} m TargetPosition
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            TargetPosition.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (m.units != null && $Object.hasOwnProperty.call(m, "units")) {
                    d.units = m.units;
                    if (o.oneofs)
                        d.size = "units";
                }
                if (m.equityFraction != null && $Object.hasOwnProperty.call(m, "equityFraction")) {
                    d.equityFraction = m.equityFraction;
                    if (o.oneofs)
                        d.size = "equityFraction";
                }
                return d;
            };

            /**
             * Converts this TargetPosition to JSON.
             * @function toJSON
             * @memberof algotrader.v1.TargetPosition
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            TargetPosition.prototype.toJSON = function() {
                return TargetPosition.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for TargetPosition
             * @function getTypeUrl
             * @memberof algotrader.v1.TargetPosition
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            TargetPosition.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.TargetPosition";
            };

            return TargetPosition;
        })();

        v1.OrderIntent = (function() {

            /**
             * Properties of an OrderIntent.
             * @typedef {Object} algotrader.v1.OrderIntent.$Properties
             * @property {algotrader.v1.Side|null} [side] OrderIntent side
             * @property {algotrader.v1.OrderType|null} [type] OrderIntent type
             * @property {string|null} [quantity] OrderIntent quantity
             * @property {string|null} [limitPrice] OrderIntent limitPrice
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an OrderIntent.
             * @memberof algotrader.v1
             * @interface IOrderIntent
             * @augments algotrader.v1.OrderIntent.$Properties
             * @deprecated Use algotrader.v1.OrderIntent.$Properties instead.
             */

            /**
             * Shape of an OrderIntent.
             * @typedef {algotrader.v1.OrderIntent.$Properties} algotrader.v1.OrderIntent.$Shape
             */

            /**
             * Constructs a new OrderIntent.
             * @memberof algotrader.v1
             * @classdesc Represents an OrderIntent.
             * @constructor
             * @param {algotrader.v1.OrderIntent.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const OrderIntent = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * OrderIntent side.
             * @member {algotrader.v1.Side} side
             * @memberof algotrader.v1.OrderIntent
             * @instance
             */
            OrderIntent.prototype.side = 0;

            /**
             * OrderIntent type.
             * @member {algotrader.v1.OrderType} type
             * @memberof algotrader.v1.OrderIntent
             * @instance
             */
            OrderIntent.prototype.type = 0;

            /**
             * OrderIntent quantity.
             * @member {string} quantity
             * @memberof algotrader.v1.OrderIntent
             * @instance
             */
            OrderIntent.prototype.quantity = "";

            /**
             * OrderIntent limitPrice.
             * @member {string} limitPrice
             * @memberof algotrader.v1.OrderIntent
             * @instance
             */
            OrderIntent.prototype.limitPrice = "";

            /**
             * Creates a new OrderIntent instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.OrderIntent
             * @static
             * @param {algotrader.v1.OrderIntent.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.OrderIntent} OrderIntent instance
             * @type {{
             *   (properties: algotrader.v1.OrderIntent.$Shape): algotrader.v1.OrderIntent & algotrader.v1.OrderIntent.$Shape;
             *   (properties?: algotrader.v1.OrderIntent.$Properties): algotrader.v1.OrderIntent;
             * }}
             */
            OrderIntent.create = function(properties) {
                return new OrderIntent(properties);
            };

            /**
             * Encodes the specified OrderIntent message. Does not implicitly {@link algotrader.v1.OrderIntent.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.OrderIntent
             * @static
             * @param {algotrader.v1.OrderIntent.$Properties} m OrderIntent message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OrderIntent.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.side != null && $Object.hasOwnProperty.call(m, "side") && m.side !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).int32(m.side);
                if (m.type != null && $Object.hasOwnProperty.call(m, "type") && m.type !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).int32(m.type);
                if (m.quantity != null && $Object.hasOwnProperty.call(m, "quantity") && m.quantity !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.quantity);
                if (m.limitPrice != null && $Object.hasOwnProperty.call(m, "limitPrice") && m.limitPrice !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.limitPrice);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified OrderIntent message, length delimited. Does not implicitly {@link algotrader.v1.OrderIntent.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.OrderIntent
             * @static
             * @param {algotrader.v1.OrderIntent.$Properties} message OrderIntent message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OrderIntent.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an OrderIntent message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.OrderIntent
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.OrderIntent & algotrader.v1.OrderIntent.$Shape} OrderIntent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OrderIntent.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.OrderIntent();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.side = v;
                            else
                                delete m.side;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.type = v;
                            else
                                delete m.type;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.quantity = v;
                            else
                                delete m.quantity;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.limitPrice = v;
                            else
                                delete m.limitPrice;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an OrderIntent message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.OrderIntent
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.OrderIntent & algotrader.v1.OrderIntent.$Shape} OrderIntent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OrderIntent.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an OrderIntent message.
             * @function verify
             * @memberof algotrader.v1.OrderIntent
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            OrderIntent.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.side != null && $Object.hasOwnProperty.call(m, "side")) {
                    if (typeof m.side !== "number" || (m.side | 0) !== m.side)
                        return "side: enum value expected";
                }
                if (m.type != null && $Object.hasOwnProperty.call(m, "type")) {
                    if (typeof m.type !== "number" || (m.type | 0) !== m.type)
                        return "type: enum value expected";
                }
                if (m.quantity != null && $Object.hasOwnProperty.call(m, "quantity")) {
                    if (!$util.isString(m.quantity))
                        return "quantity: string expected";
                }
                if (m.limitPrice != null && $Object.hasOwnProperty.call(m, "limitPrice")) {
                    if (!$util.isString(m.limitPrice))
                        return "limitPrice: string expected";
                }
                return null;
            };

            /**
             * Creates an OrderIntent message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.OrderIntent
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.OrderIntent} OrderIntent
             */
            OrderIntent.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.OrderIntent)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.OrderIntent: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.OrderIntent();
                if (d.side !== 0 && (typeof d.side !== "string" || $root.algotrader.v1.Side[d.side] !== 0)) {
                    switch (d.side) {
                    case "SIDE_UNSPECIFIED":
                    case 0:
                        m.side = 0;
                        break;
                    case "SIDE_BUY":
                    case 1:
                        m.side = 1;
                        break;
                    case "SIDE_SELL":
                    case 2:
                        m.side = 2;
                        break;
                    default:
                        if (typeof d.side === "number" && (d.side | 0) === d.side)
                            m.side = d.side;
                    }
                }
                if (d.type !== 0 && (typeof d.type !== "string" || $root.algotrader.v1.OrderType[d.type] !== 0)) {
                    switch (d.type) {
                    case "ORDER_TYPE_UNSPECIFIED":
                    case 0:
                        m.type = 0;
                        break;
                    case "ORDER_TYPE_MARKET":
                    case 1:
                        m.type = 1;
                        break;
                    case "ORDER_TYPE_LIMIT":
                    case 2:
                        m.type = 2;
                        break;
                    default:
                        if (typeof d.type === "number" && (d.type | 0) === d.type)
                            m.type = d.type;
                    }
                }
                if (d.quantity != null) {
                    if (typeof d.quantity !== "string" || d.quantity.length) {
                        m.quantity = $String(d.quantity);
                    }
                }
                if (d.limitPrice != null) {
                    if (typeof d.limitPrice !== "string" || d.limitPrice.length) {
                        m.limitPrice = $String(d.limitPrice);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an OrderIntent message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.OrderIntent
             * @static
             * @param {algotrader.v1.OrderIntent} m OrderIntent
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            OrderIntent.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.side = o.enums === $String ? "SIDE_UNSPECIFIED" : 0;
                    d.type = o.enums === $String ? "ORDER_TYPE_UNSPECIFIED" : 0;
                    d.quantity = "";
                    d.limitPrice = "";
                }
                if (m.side != null && $Object.hasOwnProperty.call(m, "side")) {
                    d.side = o.enums === $String ? $root.algotrader.v1.Side[m.side] === $undefined ? m.side : $root.algotrader.v1.Side[m.side] : m.side;
                }
                if (m.type != null && $Object.hasOwnProperty.call(m, "type")) {
                    d.type = o.enums === $String ? $root.algotrader.v1.OrderType[m.type] === $undefined ? m.type : $root.algotrader.v1.OrderType[m.type] : m.type;
                }
                if (m.quantity != null && $Object.hasOwnProperty.call(m, "quantity")) {
                    d.quantity = m.quantity;
                }
                if (m.limitPrice != null && $Object.hasOwnProperty.call(m, "limitPrice")) {
                    d.limitPrice = m.limitPrice;
                }
                return d;
            };

            /**
             * Converts this OrderIntent to JSON.
             * @function toJSON
             * @memberof algotrader.v1.OrderIntent
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            OrderIntent.prototype.toJSON = function() {
                return OrderIntent.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for OrderIntent
             * @function getTypeUrl
             * @memberof algotrader.v1.OrderIntent
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            OrderIntent.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.OrderIntent";
            };

            return OrderIntent;
        })();

        v1.SignalSetClosed = (function() {

            /**
             * Properties of a SignalSetClosed.
             * @typedef {Object} algotrader.v1.SignalSetClosed.$Properties
             * @property {string|null} [venue] SignalSetClosed venue
             * @property {string|null} [timeframe] SignalSetClosed timeframe
             * @property {number|null} [closeTimeMs] SignalSetClosed closeTimeMs
             * @property {Array.<string>|null} [strategies] SignalSetClosed strategies
             * @property {Object.<string,number>|null} [marks] SignalSetClosed marks
             * @property {Array.<string>|null} [instruments] SignalSetClosed instruments
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SignalSetClosed.
             * @memberof algotrader.v1
             * @interface ISignalSetClosed
             * @augments algotrader.v1.SignalSetClosed.$Properties
             * @deprecated Use algotrader.v1.SignalSetClosed.$Properties instead.
             */

            /**
             * Shape of a SignalSetClosed.
             * @typedef {algotrader.v1.SignalSetClosed.$Properties} algotrader.v1.SignalSetClosed.$Shape
             */

            /**
             * Constructs a new SignalSetClosed.
             * @memberof algotrader.v1
             * @classdesc Represents a SignalSetClosed.
             * @constructor
             * @param {algotrader.v1.SignalSetClosed.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SignalSetClosed = function (p) {
                this.strategies = [];
                this.marks = {};
                this.instruments = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SignalSetClosed venue.
             * @member {string} venue
             * @memberof algotrader.v1.SignalSetClosed
             * @instance
             */
            SignalSetClosed.prototype.venue = "";

            /**
             * SignalSetClosed timeframe.
             * @member {string} timeframe
             * @memberof algotrader.v1.SignalSetClosed
             * @instance
             */
            SignalSetClosed.prototype.timeframe = "";

            /**
             * SignalSetClosed closeTimeMs.
             * @member {number} closeTimeMs
             * @memberof algotrader.v1.SignalSetClosed
             * @instance
             */
            SignalSetClosed.prototype.closeTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * SignalSetClosed strategies.
             * @member {Array.<string>} strategies
             * @memberof algotrader.v1.SignalSetClosed
             * @instance
             */
            SignalSetClosed.prototype.strategies = $util.emptyArray;

            /**
             * SignalSetClosed marks.
             * @member {Object.<string,number>} marks
             * @memberof algotrader.v1.SignalSetClosed
             * @instance
             */
            SignalSetClosed.prototype.marks = $util.emptyObject;

            /**
             * SignalSetClosed instruments.
             * @member {Array.<string>} instruments
             * @memberof algotrader.v1.SignalSetClosed
             * @instance
             */
            SignalSetClosed.prototype.instruments = $util.emptyArray;

            /**
             * Creates a new SignalSetClosed instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.SignalSetClosed
             * @static
             * @param {algotrader.v1.SignalSetClosed.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.SignalSetClosed} SignalSetClosed instance
             * @type {{
             *   (properties: algotrader.v1.SignalSetClosed.$Shape): algotrader.v1.SignalSetClosed & algotrader.v1.SignalSetClosed.$Shape;
             *   (properties?: algotrader.v1.SignalSetClosed.$Properties): algotrader.v1.SignalSetClosed;
             * }}
             */
            SignalSetClosed.create = function(properties) {
                return new SignalSetClosed(properties);
            };

            /**
             * Encodes the specified SignalSetClosed message. Does not implicitly {@link algotrader.v1.SignalSetClosed.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.SignalSetClosed
             * @static
             * @param {algotrader.v1.SignalSetClosed.$Properties} m SignalSetClosed message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SignalSetClosed.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.venue != null && $Object.hasOwnProperty.call(m, "venue") && m.venue !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.venue);
                if (m.timeframe != null && $Object.hasOwnProperty.call(m, "timeframe") && m.timeframe !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.timeframe);
                if (m.closeTimeMs != null && $Object.hasOwnProperty.call(m, "closeTimeMs") && (typeof m.closeTimeMs === "object" ? m.closeTimeMs.low || m.closeTimeMs.high : m.closeTimeMs !== 0))
                    w.uint32(/* id 3, wireType 0 =*/24).int64(m.closeTimeMs);
                if (m.strategies != null && m.strategies.length) {
                    for (var i = 0; i < m.strategies.length; ++i)
                        w.uint32(/* id 4, wireType 2 =*/34).string(m.strategies[i]);
                }
                if (m.marks != null && $Object.hasOwnProperty.call(m, "marks")) {
                    for (var ks = $Object.keys(m.marks), i = 0; i < ks.length; ++i) {
                        w.uint32(/* id 5, wireType 2 =*/42).fork().uint32(/* id 1, wireType 2 =*/10).string(ks[i]).uint32(/* id 2, wireType 1 =*/17).double(m.marks[ks[i]]).ldelim();
                    }
                }
                if (m.instruments != null && m.instruments.length) {
                    for (var i = 0; i < m.instruments.length; ++i)
                        w.uint32(/* id 6, wireType 2 =*/50).string(m.instruments[i]);
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified SignalSetClosed message, length delimited. Does not implicitly {@link algotrader.v1.SignalSetClosed.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.SignalSetClosed
             * @static
             * @param {algotrader.v1.SignalSetClosed.$Properties} message SignalSetClosed message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SignalSetClosed.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a SignalSetClosed message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.SignalSetClosed
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.SignalSetClosed & algotrader.v1.SignalSetClosed.$Shape} SignalSetClosed
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SignalSetClosed.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, k, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.SignalSetClosed();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.venue = v;
                            else
                                delete m.venue;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.timeframe = v;
                            else
                                delete m.timeframe;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.closeTimeMs = v;
                            else
                                delete m.closeTimeMs;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if (!(m.strategies && m.strategies.length))
                                m.strategies = [];
                            m.strategies.push(r.stringVerify());
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if (m.marks === $util.emptyObject)
                                m.marks = {};
                            var c2 = r.size() + r.pos;
                            if (c2 > r.len)
                                throw $RangeError("index out of range");
                            r.len = c2;
                            k = "";
                            v = 0;
                            while (r.pos < c2) {
                                var t2 = r.tag();
                                u = t2 & 7;
                                switch (t2 >>>= 3) {
                                case 1:
                                    if (u !== 2)
                                        break;
                                    k = r.stringVerify();
                                    continue;
                                case 2:
                                    if (u !== 1)
                                        break;
                                    v = r.double();
                                    continue;
                                }
                                r.skipType(u, q, t2);
                            }
                            if (r.pos !== c2)
                                throw $RangeError("index out of range");
                            r.len = c;
                            if (k === "__proto__")
                                $util.makeProp(m.marks, k);
                            m.marks[k] = v;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if (!(m.instruments && m.instruments.length))
                                m.instruments = [];
                            m.instruments.push(r.stringVerify());
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a SignalSetClosed message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.SignalSetClosed
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.SignalSetClosed & algotrader.v1.SignalSetClosed.$Shape} SignalSetClosed
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SignalSetClosed.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a SignalSetClosed message.
             * @function verify
             * @memberof algotrader.v1.SignalSetClosed
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            SignalSetClosed.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.venue != null && $Object.hasOwnProperty.call(m, "venue")) {
                    if (!$util.isString(m.venue))
                        return "venue: string expected";
                }
                if (m.timeframe != null && $Object.hasOwnProperty.call(m, "timeframe")) {
                    if (!$util.isString(m.timeframe))
                        return "timeframe: string expected";
                }
                if (m.closeTimeMs != null && $Object.hasOwnProperty.call(m, "closeTimeMs")) {
                    if (!$util.isInteger(m.closeTimeMs) && !(m.closeTimeMs && $util.isInteger(m.closeTimeMs.low) && $util.isInteger(m.closeTimeMs.high)))
                        return "closeTimeMs: integer|Long expected";
                }
                if (m.strategies != null && $Object.hasOwnProperty.call(m, "strategies")) {
                    if (!$Array.isArray(m.strategies))
                        return "strategies: array expected";
                    for (var i = 0; i < m.strategies.length; ++i) {
                        if (!$util.isString(m.strategies[i]))
                            return "strategies: string[] expected";
                    }
                }
                if (m.marks != null && $Object.hasOwnProperty.call(m, "marks")) {
                    if (!$util.isObject(m.marks))
                        return "marks: object expected";
                    var k = $Object.keys(m.marks);
                    for (var i = 0; i < k.length; ++i) {
                        if (typeof m.marks[k[i]] !== "number")
                            return "marks: number{k:string} expected";
                    }
                }
                if (m.instruments != null && $Object.hasOwnProperty.call(m, "instruments")) {
                    if (!$Array.isArray(m.instruments))
                        return "instruments: array expected";
                    for (var i = 0; i < m.instruments.length; ++i) {
                        if (!$util.isString(m.instruments[i]))
                            return "instruments: string[] expected";
                    }
                }
                return null;
            };

            /**
             * Creates a SignalSetClosed message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.SignalSetClosed
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.SignalSetClosed} SignalSetClosed
             */
            SignalSetClosed.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.SignalSetClosed)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.SignalSetClosed: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.SignalSetClosed();
                if (d.venue != null) {
                    if (typeof d.venue !== "string" || d.venue.length) {
                        m.venue = $String(d.venue);
                    }
                }
                if (d.timeframe != null) {
                    if (typeof d.timeframe !== "string" || d.timeframe.length) {
                        m.timeframe = $String(d.timeframe);
                    }
                }
                if (d.closeTimeMs != null) {
                    if (typeof d.closeTimeMs === "object" ? d.closeTimeMs.low || d.closeTimeMs.high : $Number(d.closeTimeMs) !== 0) {
                        if ($util.Long)
                            m.closeTimeMs = $util.Long.fromValue(d.closeTimeMs, false);
                        else if (typeof d.closeTimeMs === "string")
                            m.closeTimeMs = $parseInt(d.closeTimeMs, 10);
                        else if (typeof d.closeTimeMs === "number")
                            m.closeTimeMs = d.closeTimeMs;
                        else if (typeof d.closeTimeMs === "object")
                            m.closeTimeMs = new $util.LongBits(d.closeTimeMs.low >>> 0, d.closeTimeMs.high >>> 0).toNumber();
                    }
                }
                if (d.strategies) {
                    if (!$Array.isArray(d.strategies))
                        throw $TypeError(".algotrader.v1.SignalSetClosed.strategies: array expected");
                    m.strategies = $Array(d.strategies.length);
                    for (var i = 0; i < d.strategies.length; ++i) {
                        m.strategies[i] = $String(d.strategies[i]);
                    }
                }
                if (d.marks) {
                    if (!$util.isObject(d.marks))
                        throw $TypeError(".algotrader.v1.SignalSetClosed.marks: object expected");
                    m.marks = {};
                    for (var ks = $Object.keys(d.marks), i = 0; i < ks.length; ++i) {
                        if (ks[i] === "__proto__")
                            $util.makeProp(m.marks, ks[i]);
                        m.marks[ks[i]] = $Number(d.marks[ks[i]]);
                    }
                }
                if (d.instruments) {
                    if (!$Array.isArray(d.instruments))
                        throw $TypeError(".algotrader.v1.SignalSetClosed.instruments: array expected");
                    m.instruments = $Array(d.instruments.length);
                    for (var i = 0; i < d.instruments.length; ++i) {
                        m.instruments[i] = $String(d.instruments[i]);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a SignalSetClosed message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.SignalSetClosed
             * @static
             * @param {algotrader.v1.SignalSetClosed} m SignalSetClosed
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SignalSetClosed.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.strategies = [];
                    d.instruments = [];
                }
                if (o.objects || o.defaults) {
                    d.marks = {};
                }
                if (o.defaults) {
                    d.venue = "";
                    d.timeframe = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.closeTimeMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.closeTimeMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.venue != null && $Object.hasOwnProperty.call(m, "venue")) {
                    d.venue = m.venue;
                }
                if (m.timeframe != null && $Object.hasOwnProperty.call(m, "timeframe")) {
                    d.timeframe = m.timeframe;
                }
                if (m.closeTimeMs != null && $Object.hasOwnProperty.call(m, "closeTimeMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.closeTimeMs = typeof m.closeTimeMs === "number" ? $BigInt(m.closeTimeMs) : $util.Long.fromBits(m.closeTimeMs.low >>> 0, m.closeTimeMs.high >>> 0, false).toBigInt();
                    else if (typeof m.closeTimeMs === "number")
                        d.closeTimeMs = o.longs === $String ? $String(m.closeTimeMs) : m.closeTimeMs;
                    else
                        d.closeTimeMs = o.longs === $String ? $util.Long.prototype.toString.call(m.closeTimeMs) : o.longs === $Number ? new $util.LongBits(m.closeTimeMs.low >>> 0, m.closeTimeMs.high >>> 0).toNumber() : m.closeTimeMs;
                }
                if (m.strategies && m.strategies.length) {
                    d.strategies = $Array(m.strategies.length);
                    for (var j = 0; j < m.strategies.length; ++j) {
                        d.strategies[j] = m.strategies[j];
                    }
                }
                var ks2;
                if (m.marks && (ks2 = $Object.keys(m.marks)).length) {
                    d.marks = {};
                    for (var j = 0; j < ks2.length; ++j) {
                        if (ks2[j] === "__proto__")
                            $util.makeProp(d.marks, ks2[j]);
                        d.marks[ks2[j]] = o.json && !$isFinite(m.marks[ks2[j]]) ? $String(m.marks[ks2[j]]) : m.marks[ks2[j]];
                    }
                }
                if (m.instruments && m.instruments.length) {
                    d.instruments = $Array(m.instruments.length);
                    for (var j = 0; j < m.instruments.length; ++j) {
                        d.instruments[j] = m.instruments[j];
                    }
                }
                return d;
            };

            /**
             * Converts this SignalSetClosed to JSON.
             * @function toJSON
             * @memberof algotrader.v1.SignalSetClosed
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SignalSetClosed.prototype.toJSON = function() {
                return SignalSetClosed.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SignalSetClosed
             * @function getTypeUrl
             * @memberof algotrader.v1.SignalSetClosed
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SignalSetClosed.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.SignalSetClosed";
            };

            return SignalSetClosed;
        })();

        v1.OrderRequest = (function() {

            /**
             * Properties of an OrderRequest.
             * @typedef {Object} algotrader.v1.OrderRequest.$Properties
             * @property {string|null} [clientOrderId] OrderRequest clientOrderId
             * @property {string|null} [account] OrderRequest account
             * @property {string|null} [strategy] OrderRequest strategy
             * @property {algotrader.v1.InstrumentRef.$Properties|null} [instrument] OrderRequest instrument
             * @property {algotrader.v1.Side|null} [side] OrderRequest side
             * @property {algotrader.v1.OrderType|null} [type] OrderRequest type
             * @property {string|null} [quantity] OrderRequest quantity
             * @property {string|null} [limitPrice] OrderRequest limitPrice
             * @property {string|null} [quoteAmount] OrderRequest quoteAmount
             * @property {number|null} [decisionTimeMs] OrderRequest decisionTimeMs
             * @property {boolean|null} [reduceOnly] OrderRequest reduceOnly
             * @property {boolean|null} [cancel] OrderRequest cancel
             * @property {algotrader.v1.ProtectiveExits.$Properties|null} [exits] OrderRequest exits
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an OrderRequest.
             * @memberof algotrader.v1
             * @interface IOrderRequest
             * @augments algotrader.v1.OrderRequest.$Properties
             * @deprecated Use algotrader.v1.OrderRequest.$Properties instead.
             */

            /**
             * Shape of an OrderRequest.
             * @typedef {algotrader.v1.OrderRequest.$Properties} algotrader.v1.OrderRequest.$Shape
             */

            /**
             * Constructs a new OrderRequest.
             * @memberof algotrader.v1
             * @classdesc Represents an OrderRequest.
             * @constructor
             * @param {algotrader.v1.OrderRequest.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const OrderRequest = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * OrderRequest clientOrderId.
             * @member {string} clientOrderId
             * @memberof algotrader.v1.OrderRequest
             * @instance
             */
            OrderRequest.prototype.clientOrderId = "";

            /**
             * OrderRequest account.
             * @member {string} account
             * @memberof algotrader.v1.OrderRequest
             * @instance
             */
            OrderRequest.prototype.account = "";

            /**
             * OrderRequest strategy.
             * @member {string} strategy
             * @memberof algotrader.v1.OrderRequest
             * @instance
             */
            OrderRequest.prototype.strategy = "";

            /**
             * OrderRequest instrument.
             * @member {algotrader.v1.InstrumentRef.$Properties|null|undefined} instrument
             * @memberof algotrader.v1.OrderRequest
             * @instance
             */
            OrderRequest.prototype.instrument = null;

            /**
             * OrderRequest side.
             * @member {algotrader.v1.Side} side
             * @memberof algotrader.v1.OrderRequest
             * @instance
             */
            OrderRequest.prototype.side = 0;

            /**
             * OrderRequest type.
             * @member {algotrader.v1.OrderType} type
             * @memberof algotrader.v1.OrderRequest
             * @instance
             */
            OrderRequest.prototype.type = 0;

            /**
             * OrderRequest quantity.
             * @member {string} quantity
             * @memberof algotrader.v1.OrderRequest
             * @instance
             */
            OrderRequest.prototype.quantity = "";

            /**
             * OrderRequest limitPrice.
             * @member {string} limitPrice
             * @memberof algotrader.v1.OrderRequest
             * @instance
             */
            OrderRequest.prototype.limitPrice = "";

            /**
             * OrderRequest quoteAmount.
             * @member {string} quoteAmount
             * @memberof algotrader.v1.OrderRequest
             * @instance
             */
            OrderRequest.prototype.quoteAmount = "";

            /**
             * OrderRequest decisionTimeMs.
             * @member {number} decisionTimeMs
             * @memberof algotrader.v1.OrderRequest
             * @instance
             */
            OrderRequest.prototype.decisionTimeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * OrderRequest reduceOnly.
             * @member {boolean} reduceOnly
             * @memberof algotrader.v1.OrderRequest
             * @instance
             */
            OrderRequest.prototype.reduceOnly = false;

            /**
             * OrderRequest cancel.
             * @member {boolean} cancel
             * @memberof algotrader.v1.OrderRequest
             * @instance
             */
            OrderRequest.prototype.cancel = false;

            /**
             * OrderRequest exits.
             * @member {algotrader.v1.ProtectiveExits.$Properties|null|undefined} exits
             * @memberof algotrader.v1.OrderRequest
             * @instance
             */
            OrderRequest.prototype.exits = null;

            /**
             * Creates a new OrderRequest instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.OrderRequest
             * @static
             * @param {algotrader.v1.OrderRequest.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.OrderRequest} OrderRequest instance
             * @type {{
             *   (properties: algotrader.v1.OrderRequest.$Shape): algotrader.v1.OrderRequest & algotrader.v1.OrderRequest.$Shape;
             *   (properties?: algotrader.v1.OrderRequest.$Properties): algotrader.v1.OrderRequest;
             * }}
             */
            OrderRequest.create = function(properties) {
                return new OrderRequest(properties);
            };

            /**
             * Encodes the specified OrderRequest message. Does not implicitly {@link algotrader.v1.OrderRequest.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.OrderRequest
             * @static
             * @param {algotrader.v1.OrderRequest.$Properties} m OrderRequest message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OrderRequest.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.clientOrderId != null && $Object.hasOwnProperty.call(m, "clientOrderId") && m.clientOrderId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.clientOrderId);
                if (m.account != null && $Object.hasOwnProperty.call(m, "account") && m.account !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.account);
                if (m.strategy != null && $Object.hasOwnProperty.call(m, "strategy") && m.strategy !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.strategy);
                if (m.instrument != null && $Object.hasOwnProperty.call(m, "instrument"))
                    $root.algotrader.v1.InstrumentRef.encode(m.instrument, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                if (m.side != null && $Object.hasOwnProperty.call(m, "side") && m.side !== 0)
                    w.uint32(/* id 5, wireType 0 =*/40).int32(m.side);
                if (m.type != null && $Object.hasOwnProperty.call(m, "type") && m.type !== 0)
                    w.uint32(/* id 6, wireType 0 =*/48).int32(m.type);
                if (m.quantity != null && $Object.hasOwnProperty.call(m, "quantity") && m.quantity !== "")
                    w.uint32(/* id 7, wireType 2 =*/58).string(m.quantity);
                if (m.limitPrice != null && $Object.hasOwnProperty.call(m, "limitPrice") && m.limitPrice !== "")
                    w.uint32(/* id 8, wireType 2 =*/66).string(m.limitPrice);
                if (m.quoteAmount != null && $Object.hasOwnProperty.call(m, "quoteAmount") && m.quoteAmount !== "")
                    w.uint32(/* id 9, wireType 2 =*/74).string(m.quoteAmount);
                if (m.decisionTimeMs != null && $Object.hasOwnProperty.call(m, "decisionTimeMs") && (typeof m.decisionTimeMs === "object" ? m.decisionTimeMs.low || m.decisionTimeMs.high : m.decisionTimeMs !== 0))
                    w.uint32(/* id 10, wireType 0 =*/80).int64(m.decisionTimeMs);
                if (m.reduceOnly != null && $Object.hasOwnProperty.call(m, "reduceOnly") && m.reduceOnly !== false)
                    w.uint32(/* id 11, wireType 0 =*/88).bool(m.reduceOnly);
                if (m.cancel != null && $Object.hasOwnProperty.call(m, "cancel") && m.cancel !== false)
                    w.uint32(/* id 12, wireType 0 =*/96).bool(m.cancel);
                if (m.exits != null && $Object.hasOwnProperty.call(m, "exits"))
                    $root.algotrader.v1.ProtectiveExits.encode(m.exits, w.uint32(/* id 13, wireType 2 =*/106).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified OrderRequest message, length delimited. Does not implicitly {@link algotrader.v1.OrderRequest.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.OrderRequest
             * @static
             * @param {algotrader.v1.OrderRequest.$Properties} message OrderRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OrderRequest.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an OrderRequest message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.OrderRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.OrderRequest & algotrader.v1.OrderRequest.$Shape} OrderRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OrderRequest.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.OrderRequest();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.clientOrderId = v;
                            else
                                delete m.clientOrderId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.account = v;
                            else
                                delete m.account;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.strategy = v;
                            else
                                delete m.strategy;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            m.instrument = $root.algotrader.v1.InstrumentRef.decode(r, r.size(), $undefined, q + 1, m.instrument);
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.side = v;
                            else
                                delete m.side;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.type = v;
                            else
                                delete m.type;
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.quantity = v;
                            else
                                delete m.quantity;
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.limitPrice = v;
                            else
                                delete m.limitPrice;
                            continue;
                        }
                    case 9: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.quoteAmount = v;
                            else
                                delete m.quoteAmount;
                            continue;
                        }
                    case 10: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.decisionTimeMs = v;
                            else
                                delete m.decisionTimeMs;
                            continue;
                        }
                    case 11: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.reduceOnly = v;
                            else
                                delete m.reduceOnly;
                            continue;
                        }
                    case 12: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.cancel = v;
                            else
                                delete m.cancel;
                            continue;
                        }
                    case 13: {
                            if (u !== 2)
                                break;
                            m.exits = $root.algotrader.v1.ProtectiveExits.decode(r, r.size(), $undefined, q + 1, m.exits);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an OrderRequest message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.OrderRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.OrderRequest & algotrader.v1.OrderRequest.$Shape} OrderRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OrderRequest.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an OrderRequest message.
             * @function verify
             * @memberof algotrader.v1.OrderRequest
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            OrderRequest.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.clientOrderId != null && $Object.hasOwnProperty.call(m, "clientOrderId")) {
                    if (!$util.isString(m.clientOrderId))
                        return "clientOrderId: string expected";
                }
                if (m.account != null && $Object.hasOwnProperty.call(m, "account")) {
                    if (!$util.isString(m.account))
                        return "account: string expected";
                }
                if (m.strategy != null && $Object.hasOwnProperty.call(m, "strategy")) {
                    if (!$util.isString(m.strategy))
                        return "strategy: string expected";
                }
                if (m.instrument != null && $Object.hasOwnProperty.call(m, "instrument")) {
                    {
                        var e = $root.algotrader.v1.InstrumentRef.verify(m.instrument, q + 1);
                        if (e)
                            return "instrument." + e;
                    }
                }
                if (m.side != null && $Object.hasOwnProperty.call(m, "side")) {
                    if (typeof m.side !== "number" || (m.side | 0) !== m.side)
                        return "side: enum value expected";
                }
                if (m.type != null && $Object.hasOwnProperty.call(m, "type")) {
                    if (typeof m.type !== "number" || (m.type | 0) !== m.type)
                        return "type: enum value expected";
                }
                if (m.quantity != null && $Object.hasOwnProperty.call(m, "quantity")) {
                    if (!$util.isString(m.quantity))
                        return "quantity: string expected";
                }
                if (m.limitPrice != null && $Object.hasOwnProperty.call(m, "limitPrice")) {
                    if (!$util.isString(m.limitPrice))
                        return "limitPrice: string expected";
                }
                if (m.quoteAmount != null && $Object.hasOwnProperty.call(m, "quoteAmount")) {
                    if (!$util.isString(m.quoteAmount))
                        return "quoteAmount: string expected";
                }
                if (m.decisionTimeMs != null && $Object.hasOwnProperty.call(m, "decisionTimeMs")) {
                    if (!$util.isInteger(m.decisionTimeMs) && !(m.decisionTimeMs && $util.isInteger(m.decisionTimeMs.low) && $util.isInteger(m.decisionTimeMs.high)))
                        return "decisionTimeMs: integer|Long expected";
                }
                if (m.reduceOnly != null && $Object.hasOwnProperty.call(m, "reduceOnly")) {
                    if (typeof m.reduceOnly !== "boolean")
                        return "reduceOnly: boolean expected";
                }
                if (m.cancel != null && $Object.hasOwnProperty.call(m, "cancel")) {
                    if (typeof m.cancel !== "boolean")
                        return "cancel: boolean expected";
                }
                if (m.exits != null && $Object.hasOwnProperty.call(m, "exits")) {
                    {
                        var e = $root.algotrader.v1.ProtectiveExits.verify(m.exits, q + 1);
                        if (e)
                            return "exits." + e;
                    }
                }
                return null;
            };

            /**
             * Creates an OrderRequest message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.OrderRequest
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.OrderRequest} OrderRequest
             */
            OrderRequest.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.OrderRequest)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.OrderRequest: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.OrderRequest();
                if (d.clientOrderId != null) {
                    if (typeof d.clientOrderId !== "string" || d.clientOrderId.length) {
                        m.clientOrderId = $String(d.clientOrderId);
                    }
                }
                if (d.account != null) {
                    if (typeof d.account !== "string" || d.account.length) {
                        m.account = $String(d.account);
                    }
                }
                if (d.strategy != null) {
                    if (typeof d.strategy !== "string" || d.strategy.length) {
                        m.strategy = $String(d.strategy);
                    }
                }
                if (d.instrument != null) {
                    if (!$util.isObject(d.instrument))
                        throw $TypeError(".algotrader.v1.OrderRequest.instrument: object expected");
                    m.instrument = $root.algotrader.v1.InstrumentRef.fromObject(d.instrument, q + 1);
                }
                if (d.side !== 0 && (typeof d.side !== "string" || $root.algotrader.v1.Side[d.side] !== 0)) {
                    switch (d.side) {
                    case "SIDE_UNSPECIFIED":
                    case 0:
                        m.side = 0;
                        break;
                    case "SIDE_BUY":
                    case 1:
                        m.side = 1;
                        break;
                    case "SIDE_SELL":
                    case 2:
                        m.side = 2;
                        break;
                    default:
                        if (typeof d.side === "number" && (d.side | 0) === d.side)
                            m.side = d.side;
                    }
                }
                if (d.type !== 0 && (typeof d.type !== "string" || $root.algotrader.v1.OrderType[d.type] !== 0)) {
                    switch (d.type) {
                    case "ORDER_TYPE_UNSPECIFIED":
                    case 0:
                        m.type = 0;
                        break;
                    case "ORDER_TYPE_MARKET":
                    case 1:
                        m.type = 1;
                        break;
                    case "ORDER_TYPE_LIMIT":
                    case 2:
                        m.type = 2;
                        break;
                    default:
                        if (typeof d.type === "number" && (d.type | 0) === d.type)
                            m.type = d.type;
                    }
                }
                if (d.quantity != null) {
                    if (typeof d.quantity !== "string" || d.quantity.length) {
                        m.quantity = $String(d.quantity);
                    }
                }
                if (d.limitPrice != null) {
                    if (typeof d.limitPrice !== "string" || d.limitPrice.length) {
                        m.limitPrice = $String(d.limitPrice);
                    }
                }
                if (d.quoteAmount != null) {
                    if (typeof d.quoteAmount !== "string" || d.quoteAmount.length) {
                        m.quoteAmount = $String(d.quoteAmount);
                    }
                }
                if (d.decisionTimeMs != null) {
                    if (typeof d.decisionTimeMs === "object" ? d.decisionTimeMs.low || d.decisionTimeMs.high : $Number(d.decisionTimeMs) !== 0) {
                        if ($util.Long)
                            m.decisionTimeMs = $util.Long.fromValue(d.decisionTimeMs, false);
                        else if (typeof d.decisionTimeMs === "string")
                            m.decisionTimeMs = $parseInt(d.decisionTimeMs, 10);
                        else if (typeof d.decisionTimeMs === "number")
                            m.decisionTimeMs = d.decisionTimeMs;
                        else if (typeof d.decisionTimeMs === "object")
                            m.decisionTimeMs = new $util.LongBits(d.decisionTimeMs.low >>> 0, d.decisionTimeMs.high >>> 0).toNumber();
                    }
                }
                if (d.reduceOnly != null) {
                    if (d.reduceOnly) {
                        m.reduceOnly = $Boolean(d.reduceOnly);
                    }
                }
                if (d.cancel != null) {
                    if (d.cancel) {
                        m.cancel = $Boolean(d.cancel);
                    }
                }
                if (d.exits != null) {
                    if (!$util.isObject(d.exits))
                        throw $TypeError(".algotrader.v1.OrderRequest.exits: object expected");
                    m.exits = $root.algotrader.v1.ProtectiveExits.fromObject(d.exits, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from an OrderRequest message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.OrderRequest
             * @static
             * @param {algotrader.v1.OrderRequest} m OrderRequest
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            OrderRequest.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.clientOrderId = "";
                    d.account = "";
                    d.strategy = "";
                    d.instrument = null;
                    d.side = o.enums === $String ? "SIDE_UNSPECIFIED" : 0;
                    d.type = o.enums === $String ? "ORDER_TYPE_UNSPECIFIED" : 0;
                    d.quantity = "";
                    d.limitPrice = "";
                    d.quoteAmount = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.decisionTimeMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.decisionTimeMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.reduceOnly = false;
                    d.cancel = false;
                    d.exits = null;
                }
                if (m.clientOrderId != null && $Object.hasOwnProperty.call(m, "clientOrderId")) {
                    d.clientOrderId = m.clientOrderId;
                }
                if (m.account != null && $Object.hasOwnProperty.call(m, "account")) {
                    d.account = m.account;
                }
                if (m.strategy != null && $Object.hasOwnProperty.call(m, "strategy")) {
                    d.strategy = m.strategy;
                }
                if (m.instrument != null && $Object.hasOwnProperty.call(m, "instrument")) {
                    d.instrument = $root.algotrader.v1.InstrumentRef.toObject(m.instrument, o, q + 1);
                }
                if (m.side != null && $Object.hasOwnProperty.call(m, "side")) {
                    d.side = o.enums === $String ? $root.algotrader.v1.Side[m.side] === $undefined ? m.side : $root.algotrader.v1.Side[m.side] : m.side;
                }
                if (m.type != null && $Object.hasOwnProperty.call(m, "type")) {
                    d.type = o.enums === $String ? $root.algotrader.v1.OrderType[m.type] === $undefined ? m.type : $root.algotrader.v1.OrderType[m.type] : m.type;
                }
                if (m.quantity != null && $Object.hasOwnProperty.call(m, "quantity")) {
                    d.quantity = m.quantity;
                }
                if (m.limitPrice != null && $Object.hasOwnProperty.call(m, "limitPrice")) {
                    d.limitPrice = m.limitPrice;
                }
                if (m.quoteAmount != null && $Object.hasOwnProperty.call(m, "quoteAmount")) {
                    d.quoteAmount = m.quoteAmount;
                }
                if (m.decisionTimeMs != null && $Object.hasOwnProperty.call(m, "decisionTimeMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.decisionTimeMs = typeof m.decisionTimeMs === "number" ? $BigInt(m.decisionTimeMs) : $util.Long.fromBits(m.decisionTimeMs.low >>> 0, m.decisionTimeMs.high >>> 0, false).toBigInt();
                    else if (typeof m.decisionTimeMs === "number")
                        d.decisionTimeMs = o.longs === $String ? $String(m.decisionTimeMs) : m.decisionTimeMs;
                    else
                        d.decisionTimeMs = o.longs === $String ? $util.Long.prototype.toString.call(m.decisionTimeMs) : o.longs === $Number ? new $util.LongBits(m.decisionTimeMs.low >>> 0, m.decisionTimeMs.high >>> 0).toNumber() : m.decisionTimeMs;
                }
                if (m.reduceOnly != null && $Object.hasOwnProperty.call(m, "reduceOnly")) {
                    d.reduceOnly = m.reduceOnly;
                }
                if (m.cancel != null && $Object.hasOwnProperty.call(m, "cancel")) {
                    d.cancel = m.cancel;
                }
                if (m.exits != null && $Object.hasOwnProperty.call(m, "exits")) {
                    d.exits = $root.algotrader.v1.ProtectiveExits.toObject(m.exits, o, q + 1);
                }
                return d;
            };

            /**
             * Converts this OrderRequest to JSON.
             * @function toJSON
             * @memberof algotrader.v1.OrderRequest
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            OrderRequest.prototype.toJSON = function() {
                return OrderRequest.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for OrderRequest
             * @function getTypeUrl
             * @memberof algotrader.v1.OrderRequest
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            OrderRequest.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.OrderRequest";
            };

            return OrderRequest;
        })();

        /**
         * RejectReason enum.
         * @name algotrader.v1.RejectReason
         * @enum {number}
         * @property {number} REJECT_REASON_UNSPECIFIED=0 REJECT_REASON_UNSPECIFIED value
         * @property {number} REJECT_REASON_HALTED=1 REJECT_REASON_HALTED value
         * @property {number} REJECT_REASON_REDUCE_ONLY=2 REJECT_REASON_REDUCE_ONLY value
         * @property {number} REJECT_REASON_MAX_ORDER_NOTIONAL=3 REJECT_REASON_MAX_ORDER_NOTIONAL value
         * @property {number} REJECT_REASON_MAX_POSITION_NOTIONAL=4 REJECT_REASON_MAX_POSITION_NOTIONAL value
         * @property {number} REJECT_REASON_MAX_GROSS_EXPOSURE=5 REJECT_REASON_MAX_GROSS_EXPOSURE value
         * @property {number} REJECT_REASON_MAX_ORDER_RATE=6 REJECT_REASON_MAX_ORDER_RATE value
         * @property {number} REJECT_REASON_MAX_DAILY_LOSS=7 REJECT_REASON_MAX_DAILY_LOSS value
         * @property {number} REJECT_REASON_MAX_DRAWDOWN=8 REJECT_REASON_MAX_DRAWDOWN value
         * @property {number} REJECT_REASON_STALE_DATA=9 REJECT_REASON_STALE_DATA value
         * @property {number} REJECT_REASON_NO_SHORT=10 REJECT_REASON_NO_SHORT value
         * @property {number} REJECT_REASON_INSUFFICIENT_CASH=11 REJECT_REASON_INSUFFICIENT_CASH value
         * @property {number} REJECT_REASON_BELOW_MIN_NOTIONAL=12 REJECT_REASON_BELOW_MIN_NOTIONAL value
         * @property {number} REJECT_REASON_STRATEGY_PAUSED=13 REJECT_REASON_STRATEGY_PAUSED value
         * @property {number} REJECT_REASON_T_PLUS_ONE=20 REJECT_REASON_T_PLUS_ONE value
         * @property {number} REJECT_REASON_LOT=21 REJECT_REASON_LOT value
         * @property {number} REJECT_REASON_PRICE_LIMIT=22 REJECT_REASON_PRICE_LIMIT value
         * @property {number} REJECT_REASON_MAX_ACCOUNT_LEVERAGE=30 REJECT_REASON_MAX_ACCOUNT_LEVERAGE value
         * @property {number} REJECT_REASON_MAX_INSTRUMENT_LEVERAGE=31 REJECT_REASON_MAX_INSTRUMENT_LEVERAGE value
         * @property {number} REJECT_REASON_MIN_LIQUIDATION_DISTANCE=32 REJECT_REASON_MIN_LIQUIDATION_DISTANCE value
         * @property {number} REJECT_REASON_INSUFFICIENT_MARGIN=33 REJECT_REASON_INSUFFICIENT_MARGIN value
         * @property {number} REJECT_REASON_EXTREME_FUNDING=34 REJECT_REASON_EXTREME_FUNDING value
         * @property {number} REJECT_REASON_MARGIN_RATIO=35 REJECT_REASON_MARGIN_RATIO value
         */
        v1.RejectReason = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "REJECT_REASON_UNSPECIFIED"] = 0;
            values[valuesById[1] = "REJECT_REASON_HALTED"] = 1;
            values[valuesById[2] = "REJECT_REASON_REDUCE_ONLY"] = 2;
            values[valuesById[3] = "REJECT_REASON_MAX_ORDER_NOTIONAL"] = 3;
            values[valuesById[4] = "REJECT_REASON_MAX_POSITION_NOTIONAL"] = 4;
            values[valuesById[5] = "REJECT_REASON_MAX_GROSS_EXPOSURE"] = 5;
            values[valuesById[6] = "REJECT_REASON_MAX_ORDER_RATE"] = 6;
            values[valuesById[7] = "REJECT_REASON_MAX_DAILY_LOSS"] = 7;
            values[valuesById[8] = "REJECT_REASON_MAX_DRAWDOWN"] = 8;
            values[valuesById[9] = "REJECT_REASON_STALE_DATA"] = 9;
            values[valuesById[10] = "REJECT_REASON_NO_SHORT"] = 10;
            values[valuesById[11] = "REJECT_REASON_INSUFFICIENT_CASH"] = 11;
            values[valuesById[12] = "REJECT_REASON_BELOW_MIN_NOTIONAL"] = 12;
            values[valuesById[13] = "REJECT_REASON_STRATEGY_PAUSED"] = 13;
            values[valuesById[20] = "REJECT_REASON_T_PLUS_ONE"] = 20;
            values[valuesById[21] = "REJECT_REASON_LOT"] = 21;
            values[valuesById[22] = "REJECT_REASON_PRICE_LIMIT"] = 22;
            values[valuesById[30] = "REJECT_REASON_MAX_ACCOUNT_LEVERAGE"] = 30;
            values[valuesById[31] = "REJECT_REASON_MAX_INSTRUMENT_LEVERAGE"] = 31;
            values[valuesById[32] = "REJECT_REASON_MIN_LIQUIDATION_DISTANCE"] = 32;
            values[valuesById[33] = "REJECT_REASON_INSUFFICIENT_MARGIN"] = 33;
            values[valuesById[34] = "REJECT_REASON_EXTREME_FUNDING"] = 34;
            values[valuesById[35] = "REJECT_REASON_MARGIN_RATIO"] = 35;
            return values;
        })();

        v1.RiskRejection = (function() {

            /**
             * Properties of a RiskRejection.
             * @typedef {Object} algotrader.v1.RiskRejection.$Properties
             * @property {algotrader.v1.OrderRequest.$Properties|null} [order] RiskRejection order
             * @property {algotrader.v1.RejectReason|null} [reason] RiskRejection reason
             * @property {string|null} [detail] RiskRejection detail
             * @property {number|null} [timeMs] RiskRejection timeMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a RiskRejection.
             * @memberof algotrader.v1
             * @interface IRiskRejection
             * @augments algotrader.v1.RiskRejection.$Properties
             * @deprecated Use algotrader.v1.RiskRejection.$Properties instead.
             */

            /**
             * Shape of a RiskRejection.
             * @typedef {algotrader.v1.RiskRejection.$Properties} algotrader.v1.RiskRejection.$Shape
             */

            /**
             * Constructs a new RiskRejection.
             * @memberof algotrader.v1
             * @classdesc Represents a RiskRejection.
             * @constructor
             * @param {algotrader.v1.RiskRejection.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const RiskRejection = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * RiskRejection order.
             * @member {algotrader.v1.OrderRequest.$Properties|null|undefined} order
             * @memberof algotrader.v1.RiskRejection
             * @instance
             */
            RiskRejection.prototype.order = null;

            /**
             * RiskRejection reason.
             * @member {algotrader.v1.RejectReason} reason
             * @memberof algotrader.v1.RiskRejection
             * @instance
             */
            RiskRejection.prototype.reason = 0;

            /**
             * RiskRejection detail.
             * @member {string} detail
             * @memberof algotrader.v1.RiskRejection
             * @instance
             */
            RiskRejection.prototype.detail = "";

            /**
             * RiskRejection timeMs.
             * @member {number} timeMs
             * @memberof algotrader.v1.RiskRejection
             * @instance
             */
            RiskRejection.prototype.timeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new RiskRejection instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.RiskRejection
             * @static
             * @param {algotrader.v1.RiskRejection.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.RiskRejection} RiskRejection instance
             * @type {{
             *   (properties: algotrader.v1.RiskRejection.$Shape): algotrader.v1.RiskRejection & algotrader.v1.RiskRejection.$Shape;
             *   (properties?: algotrader.v1.RiskRejection.$Properties): algotrader.v1.RiskRejection;
             * }}
             */
            RiskRejection.create = function(properties) {
                return new RiskRejection(properties);
            };

            /**
             * Encodes the specified RiskRejection message. Does not implicitly {@link algotrader.v1.RiskRejection.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.RiskRejection
             * @static
             * @param {algotrader.v1.RiskRejection.$Properties} m RiskRejection message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            RiskRejection.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.order != null && $Object.hasOwnProperty.call(m, "order"))
                    $root.algotrader.v1.OrderRequest.encode(m.order, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason") && m.reason !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).int32(m.reason);
                if (m.detail != null && $Object.hasOwnProperty.call(m, "detail") && m.detail !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.detail);
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs") && (typeof m.timeMs === "object" ? m.timeMs.low || m.timeMs.high : m.timeMs !== 0))
                    w.uint32(/* id 4, wireType 0 =*/32).int64(m.timeMs);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified RiskRejection message, length delimited. Does not implicitly {@link algotrader.v1.RiskRejection.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.RiskRejection
             * @static
             * @param {algotrader.v1.RiskRejection.$Properties} message RiskRejection message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            RiskRejection.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a RiskRejection message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.RiskRejection
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.RiskRejection & algotrader.v1.RiskRejection.$Shape} RiskRejection
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            RiskRejection.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.RiskRejection();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.order = $root.algotrader.v1.OrderRequest.decode(r, r.size(), $undefined, q + 1, m.order);
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.reason = v;
                            else
                                delete m.reason;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.detail = v;
                            else
                                delete m.detail;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.timeMs = v;
                            else
                                delete m.timeMs;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a RiskRejection message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.RiskRejection
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.RiskRejection & algotrader.v1.RiskRejection.$Shape} RiskRejection
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            RiskRejection.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a RiskRejection message.
             * @function verify
             * @memberof algotrader.v1.RiskRejection
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            RiskRejection.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.order != null && $Object.hasOwnProperty.call(m, "order")) {
                    {
                        var e = $root.algotrader.v1.OrderRequest.verify(m.order, q + 1);
                        if (e)
                            return "order." + e;
                    }
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    if (typeof m.reason !== "number" || (m.reason | 0) !== m.reason)
                        return "reason: enum value expected";
                }
                if (m.detail != null && $Object.hasOwnProperty.call(m, "detail")) {
                    if (!$util.isString(m.detail))
                        return "detail: string expected";
                }
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs")) {
                    if (!$util.isInteger(m.timeMs) && !(m.timeMs && $util.isInteger(m.timeMs.low) && $util.isInteger(m.timeMs.high)))
                        return "timeMs: integer|Long expected";
                }
                return null;
            };

            /**
             * Creates a RiskRejection message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.RiskRejection
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.RiskRejection} RiskRejection
             */
            RiskRejection.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.RiskRejection)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.RiskRejection: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.RiskRejection();
                if (d.order != null) {
                    if (!$util.isObject(d.order))
                        throw $TypeError(".algotrader.v1.RiskRejection.order: object expected");
                    m.order = $root.algotrader.v1.OrderRequest.fromObject(d.order, q + 1);
                }
                if (d.reason !== 0 && (typeof d.reason !== "string" || $root.algotrader.v1.RejectReason[d.reason] !== 0)) {
                    switch (d.reason) {
                    case "REJECT_REASON_UNSPECIFIED":
                    case 0:
                        m.reason = 0;
                        break;
                    case "REJECT_REASON_HALTED":
                    case 1:
                        m.reason = 1;
                        break;
                    case "REJECT_REASON_REDUCE_ONLY":
                    case 2:
                        m.reason = 2;
                        break;
                    case "REJECT_REASON_MAX_ORDER_NOTIONAL":
                    case 3:
                        m.reason = 3;
                        break;
                    case "REJECT_REASON_MAX_POSITION_NOTIONAL":
                    case 4:
                        m.reason = 4;
                        break;
                    case "REJECT_REASON_MAX_GROSS_EXPOSURE":
                    case 5:
                        m.reason = 5;
                        break;
                    case "REJECT_REASON_MAX_ORDER_RATE":
                    case 6:
                        m.reason = 6;
                        break;
                    case "REJECT_REASON_MAX_DAILY_LOSS":
                    case 7:
                        m.reason = 7;
                        break;
                    case "REJECT_REASON_MAX_DRAWDOWN":
                    case 8:
                        m.reason = 8;
                        break;
                    case "REJECT_REASON_STALE_DATA":
                    case 9:
                        m.reason = 9;
                        break;
                    case "REJECT_REASON_NO_SHORT":
                    case 10:
                        m.reason = 10;
                        break;
                    case "REJECT_REASON_INSUFFICIENT_CASH":
                    case 11:
                        m.reason = 11;
                        break;
                    case "REJECT_REASON_BELOW_MIN_NOTIONAL":
                    case 12:
                        m.reason = 12;
                        break;
                    case "REJECT_REASON_STRATEGY_PAUSED":
                    case 13:
                        m.reason = 13;
                        break;
                    case "REJECT_REASON_T_PLUS_ONE":
                    case 20:
                        m.reason = 20;
                        break;
                    case "REJECT_REASON_LOT":
                    case 21:
                        m.reason = 21;
                        break;
                    case "REJECT_REASON_PRICE_LIMIT":
                    case 22:
                        m.reason = 22;
                        break;
                    case "REJECT_REASON_MAX_ACCOUNT_LEVERAGE":
                    case 30:
                        m.reason = 30;
                        break;
                    case "REJECT_REASON_MAX_INSTRUMENT_LEVERAGE":
                    case 31:
                        m.reason = 31;
                        break;
                    case "REJECT_REASON_MIN_LIQUIDATION_DISTANCE":
                    case 32:
                        m.reason = 32;
                        break;
                    case "REJECT_REASON_INSUFFICIENT_MARGIN":
                    case 33:
                        m.reason = 33;
                        break;
                    case "REJECT_REASON_EXTREME_FUNDING":
                    case 34:
                        m.reason = 34;
                        break;
                    case "REJECT_REASON_MARGIN_RATIO":
                    case 35:
                        m.reason = 35;
                        break;
                    default:
                        if (typeof d.reason === "number" && (d.reason | 0) === d.reason)
                            m.reason = d.reason;
                    }
                }
                if (d.detail != null) {
                    if (typeof d.detail !== "string" || d.detail.length) {
                        m.detail = $String(d.detail);
                    }
                }
                if (d.timeMs != null) {
                    if (typeof d.timeMs === "object" ? d.timeMs.low || d.timeMs.high : $Number(d.timeMs) !== 0) {
                        if ($util.Long)
                            m.timeMs = $util.Long.fromValue(d.timeMs, false);
                        else if (typeof d.timeMs === "string")
                            m.timeMs = $parseInt(d.timeMs, 10);
                        else if (typeof d.timeMs === "number")
                            m.timeMs = d.timeMs;
                        else if (typeof d.timeMs === "object")
                            m.timeMs = new $util.LongBits(d.timeMs.low >>> 0, d.timeMs.high >>> 0).toNumber();
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a RiskRejection message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.RiskRejection
             * @static
             * @param {algotrader.v1.RiskRejection} m RiskRejection
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            RiskRejection.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.order = null;
                    d.reason = o.enums === $String ? "REJECT_REASON_UNSPECIFIED" : 0;
                    d.detail = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.timeMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.timeMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.order != null && $Object.hasOwnProperty.call(m, "order")) {
                    d.order = $root.algotrader.v1.OrderRequest.toObject(m.order, o, q + 1);
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    d.reason = o.enums === $String ? $root.algotrader.v1.RejectReason[m.reason] === $undefined ? m.reason : $root.algotrader.v1.RejectReason[m.reason] : m.reason;
                }
                if (m.detail != null && $Object.hasOwnProperty.call(m, "detail")) {
                    d.detail = m.detail;
                }
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.timeMs = typeof m.timeMs === "number" ? $BigInt(m.timeMs) : $util.Long.fromBits(m.timeMs.low >>> 0, m.timeMs.high >>> 0, false).toBigInt();
                    else if (typeof m.timeMs === "number")
                        d.timeMs = o.longs === $String ? $String(m.timeMs) : m.timeMs;
                    else
                        d.timeMs = o.longs === $String ? $util.Long.prototype.toString.call(m.timeMs) : o.longs === $Number ? new $util.LongBits(m.timeMs.low >>> 0, m.timeMs.high >>> 0).toNumber() : m.timeMs;
                }
                return d;
            };

            /**
             * Converts this RiskRejection to JSON.
             * @function toJSON
             * @memberof algotrader.v1.RiskRejection
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            RiskRejection.prototype.toJSON = function() {
                return RiskRejection.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for RiskRejection
             * @function getTypeUrl
             * @memberof algotrader.v1.RiskRejection
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            RiskRejection.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.RiskRejection";
            };

            return RiskRejection;
        })();

        /**
         * OrderState enum.
         * @name algotrader.v1.OrderState
         * @enum {number}
         * @property {number} ORDER_STATE_UNSPECIFIED=0 ORDER_STATE_UNSPECIFIED value
         * @property {number} ORDER_STATE_PENDING_SUBMIT=1 ORDER_STATE_PENDING_SUBMIT value
         * @property {number} ORDER_STATE_SUBMITTED=2 ORDER_STATE_SUBMITTED value
         * @property {number} ORDER_STATE_ACCEPTED=3 ORDER_STATE_ACCEPTED value
         * @property {number} ORDER_STATE_PARTIALLY_FILLED=4 ORDER_STATE_PARTIALLY_FILLED value
         * @property {number} ORDER_STATE_FILLED=5 ORDER_STATE_FILLED value
         * @property {number} ORDER_STATE_PENDING_CANCEL=6 ORDER_STATE_PENDING_CANCEL value
         * @property {number} ORDER_STATE_CANCELED=7 ORDER_STATE_CANCELED value
         * @property {number} ORDER_STATE_REJECTED=8 ORDER_STATE_REJECTED value
         * @property {number} ORDER_STATE_EXPIRED=9 ORDER_STATE_EXPIRED value
         * @property {number} ORDER_STATE_UNKNOWN=10 ORDER_STATE_UNKNOWN value
         */
        v1.OrderState = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "ORDER_STATE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "ORDER_STATE_PENDING_SUBMIT"] = 1;
            values[valuesById[2] = "ORDER_STATE_SUBMITTED"] = 2;
            values[valuesById[3] = "ORDER_STATE_ACCEPTED"] = 3;
            values[valuesById[4] = "ORDER_STATE_PARTIALLY_FILLED"] = 4;
            values[valuesById[5] = "ORDER_STATE_FILLED"] = 5;
            values[valuesById[6] = "ORDER_STATE_PENDING_CANCEL"] = 6;
            values[valuesById[7] = "ORDER_STATE_CANCELED"] = 7;
            values[valuesById[8] = "ORDER_STATE_REJECTED"] = 8;
            values[valuesById[9] = "ORDER_STATE_EXPIRED"] = 9;
            values[valuesById[10] = "ORDER_STATE_UNKNOWN"] = 10;
            return values;
        })();

        v1.OrderEvent = (function() {

            /**
             * Properties of an OrderEvent.
             * @typedef {Object} algotrader.v1.OrderEvent.$Properties
             * @property {string|null} [clientOrderId] OrderEvent clientOrderId
             * @property {string|null} [exchangeOrderId] OrderEvent exchangeOrderId
             * @property {string|null} [account] OrderEvent account
             * @property {algotrader.v1.InstrumentRef.$Properties|null} [instrument] OrderEvent instrument
             * @property {algotrader.v1.OrderState|null} [state] OrderEvent state
             * @property {algotrader.v1.OrderState|null} [previousState] OrderEvent previousState
             * @property {string|null} [filledQuantity] OrderEvent filledQuantity
             * @property {string|null} [averagePrice] OrderEvent averagePrice
             * @property {string|null} [reason] OrderEvent reason
             * @property {number|null} [timeMs] OrderEvent timeMs
             * @property {number|null} [seq] OrderEvent seq
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an OrderEvent.
             * @memberof algotrader.v1
             * @interface IOrderEvent
             * @augments algotrader.v1.OrderEvent.$Properties
             * @deprecated Use algotrader.v1.OrderEvent.$Properties instead.
             */

            /**
             * Shape of an OrderEvent.
             * @typedef {algotrader.v1.OrderEvent.$Properties} algotrader.v1.OrderEvent.$Shape
             */

            /**
             * Constructs a new OrderEvent.
             * @memberof algotrader.v1
             * @classdesc Represents an OrderEvent.
             * @constructor
             * @param {algotrader.v1.OrderEvent.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const OrderEvent = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * OrderEvent clientOrderId.
             * @member {string} clientOrderId
             * @memberof algotrader.v1.OrderEvent
             * @instance
             */
            OrderEvent.prototype.clientOrderId = "";

            /**
             * OrderEvent exchangeOrderId.
             * @member {string} exchangeOrderId
             * @memberof algotrader.v1.OrderEvent
             * @instance
             */
            OrderEvent.prototype.exchangeOrderId = "";

            /**
             * OrderEvent account.
             * @member {string} account
             * @memberof algotrader.v1.OrderEvent
             * @instance
             */
            OrderEvent.prototype.account = "";

            /**
             * OrderEvent instrument.
             * @member {algotrader.v1.InstrumentRef.$Properties|null|undefined} instrument
             * @memberof algotrader.v1.OrderEvent
             * @instance
             */
            OrderEvent.prototype.instrument = null;

            /**
             * OrderEvent state.
             * @member {algotrader.v1.OrderState} state
             * @memberof algotrader.v1.OrderEvent
             * @instance
             */
            OrderEvent.prototype.state = 0;

            /**
             * OrderEvent previousState.
             * @member {algotrader.v1.OrderState} previousState
             * @memberof algotrader.v1.OrderEvent
             * @instance
             */
            OrderEvent.prototype.previousState = 0;

            /**
             * OrderEvent filledQuantity.
             * @member {string} filledQuantity
             * @memberof algotrader.v1.OrderEvent
             * @instance
             */
            OrderEvent.prototype.filledQuantity = "";

            /**
             * OrderEvent averagePrice.
             * @member {string} averagePrice
             * @memberof algotrader.v1.OrderEvent
             * @instance
             */
            OrderEvent.prototype.averagePrice = "";

            /**
             * OrderEvent reason.
             * @member {string} reason
             * @memberof algotrader.v1.OrderEvent
             * @instance
             */
            OrderEvent.prototype.reason = "";

            /**
             * OrderEvent timeMs.
             * @member {number} timeMs
             * @memberof algotrader.v1.OrderEvent
             * @instance
             */
            OrderEvent.prototype.timeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * OrderEvent seq.
             * @member {number} seq
             * @memberof algotrader.v1.OrderEvent
             * @instance
             */
            OrderEvent.prototype.seq = 0;

            /**
             * Creates a new OrderEvent instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.OrderEvent
             * @static
             * @param {algotrader.v1.OrderEvent.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.OrderEvent} OrderEvent instance
             * @type {{
             *   (properties: algotrader.v1.OrderEvent.$Shape): algotrader.v1.OrderEvent & algotrader.v1.OrderEvent.$Shape;
             *   (properties?: algotrader.v1.OrderEvent.$Properties): algotrader.v1.OrderEvent;
             * }}
             */
            OrderEvent.create = function(properties) {
                return new OrderEvent(properties);
            };

            /**
             * Encodes the specified OrderEvent message. Does not implicitly {@link algotrader.v1.OrderEvent.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.OrderEvent
             * @static
             * @param {algotrader.v1.OrderEvent.$Properties} m OrderEvent message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OrderEvent.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.clientOrderId != null && $Object.hasOwnProperty.call(m, "clientOrderId") && m.clientOrderId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.clientOrderId);
                if (m.exchangeOrderId != null && $Object.hasOwnProperty.call(m, "exchangeOrderId") && m.exchangeOrderId !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.exchangeOrderId);
                if (m.account != null && $Object.hasOwnProperty.call(m, "account") && m.account !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.account);
                if (m.instrument != null && $Object.hasOwnProperty.call(m, "instrument"))
                    $root.algotrader.v1.InstrumentRef.encode(m.instrument, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                if (m.state != null && $Object.hasOwnProperty.call(m, "state") && m.state !== 0)
                    w.uint32(/* id 5, wireType 0 =*/40).int32(m.state);
                if (m.previousState != null && $Object.hasOwnProperty.call(m, "previousState") && m.previousState !== 0)
                    w.uint32(/* id 6, wireType 0 =*/48).int32(m.previousState);
                if (m.filledQuantity != null && $Object.hasOwnProperty.call(m, "filledQuantity") && m.filledQuantity !== "")
                    w.uint32(/* id 7, wireType 2 =*/58).string(m.filledQuantity);
                if (m.averagePrice != null && $Object.hasOwnProperty.call(m, "averagePrice") && m.averagePrice !== "")
                    w.uint32(/* id 8, wireType 2 =*/66).string(m.averagePrice);
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason") && m.reason !== "")
                    w.uint32(/* id 9, wireType 2 =*/74).string(m.reason);
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs") && (typeof m.timeMs === "object" ? m.timeMs.low || m.timeMs.high : m.timeMs !== 0))
                    w.uint32(/* id 10, wireType 0 =*/80).int64(m.timeMs);
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq") && m.seq !== 0)
                    w.uint32(/* id 11, wireType 0 =*/88).uint32(m.seq);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified OrderEvent message, length delimited. Does not implicitly {@link algotrader.v1.OrderEvent.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.OrderEvent
             * @static
             * @param {algotrader.v1.OrderEvent.$Properties} message OrderEvent message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OrderEvent.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an OrderEvent message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.OrderEvent
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.OrderEvent & algotrader.v1.OrderEvent.$Shape} OrderEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OrderEvent.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.OrderEvent();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.clientOrderId = v;
                            else
                                delete m.clientOrderId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.exchangeOrderId = v;
                            else
                                delete m.exchangeOrderId;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.account = v;
                            else
                                delete m.account;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            m.instrument = $root.algotrader.v1.InstrumentRef.decode(r, r.size(), $undefined, q + 1, m.instrument);
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.state = v;
                            else
                                delete m.state;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.previousState = v;
                            else
                                delete m.previousState;
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.filledQuantity = v;
                            else
                                delete m.filledQuantity;
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.averagePrice = v;
                            else
                                delete m.averagePrice;
                            continue;
                        }
                    case 9: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.reason = v;
                            else
                                delete m.reason;
                            continue;
                        }
                    case 10: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.timeMs = v;
                            else
                                delete m.timeMs;
                            continue;
                        }
                    case 11: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.seq = v;
                            else
                                delete m.seq;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes an OrderEvent message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.OrderEvent
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.OrderEvent & algotrader.v1.OrderEvent.$Shape} OrderEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OrderEvent.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an OrderEvent message.
             * @function verify
             * @memberof algotrader.v1.OrderEvent
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            OrderEvent.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.clientOrderId != null && $Object.hasOwnProperty.call(m, "clientOrderId")) {
                    if (!$util.isString(m.clientOrderId))
                        return "clientOrderId: string expected";
                }
                if (m.exchangeOrderId != null && $Object.hasOwnProperty.call(m, "exchangeOrderId")) {
                    if (!$util.isString(m.exchangeOrderId))
                        return "exchangeOrderId: string expected";
                }
                if (m.account != null && $Object.hasOwnProperty.call(m, "account")) {
                    if (!$util.isString(m.account))
                        return "account: string expected";
                }
                if (m.instrument != null && $Object.hasOwnProperty.call(m, "instrument")) {
                    {
                        var e = $root.algotrader.v1.InstrumentRef.verify(m.instrument, q + 1);
                        if (e)
                            return "instrument." + e;
                    }
                }
                if (m.state != null && $Object.hasOwnProperty.call(m, "state")) {
                    if (typeof m.state !== "number" || (m.state | 0) !== m.state)
                        return "state: enum value expected";
                }
                if (m.previousState != null && $Object.hasOwnProperty.call(m, "previousState")) {
                    if (typeof m.previousState !== "number" || (m.previousState | 0) !== m.previousState)
                        return "previousState: enum value expected";
                }
                if (m.filledQuantity != null && $Object.hasOwnProperty.call(m, "filledQuantity")) {
                    if (!$util.isString(m.filledQuantity))
                        return "filledQuantity: string expected";
                }
                if (m.averagePrice != null && $Object.hasOwnProperty.call(m, "averagePrice")) {
                    if (!$util.isString(m.averagePrice))
                        return "averagePrice: string expected";
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    if (!$util.isString(m.reason))
                        return "reason: string expected";
                }
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs")) {
                    if (!$util.isInteger(m.timeMs) && !(m.timeMs && $util.isInteger(m.timeMs.low) && $util.isInteger(m.timeMs.high)))
                        return "timeMs: integer|Long expected";
                }
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq")) {
                    if (!$util.isInteger(m.seq))
                        return "seq: integer expected";
                }
                return null;
            };

            /**
             * Creates an OrderEvent message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.OrderEvent
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.OrderEvent} OrderEvent
             */
            OrderEvent.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.OrderEvent)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.OrderEvent: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.OrderEvent();
                if (d.clientOrderId != null) {
                    if (typeof d.clientOrderId !== "string" || d.clientOrderId.length) {
                        m.clientOrderId = $String(d.clientOrderId);
                    }
                }
                if (d.exchangeOrderId != null) {
                    if (typeof d.exchangeOrderId !== "string" || d.exchangeOrderId.length) {
                        m.exchangeOrderId = $String(d.exchangeOrderId);
                    }
                }
                if (d.account != null) {
                    if (typeof d.account !== "string" || d.account.length) {
                        m.account = $String(d.account);
                    }
                }
                if (d.instrument != null) {
                    if (!$util.isObject(d.instrument))
                        throw $TypeError(".algotrader.v1.OrderEvent.instrument: object expected");
                    m.instrument = $root.algotrader.v1.InstrumentRef.fromObject(d.instrument, q + 1);
                }
                if (d.state !== 0 && (typeof d.state !== "string" || $root.algotrader.v1.OrderState[d.state] !== 0)) {
                    switch (d.state) {
                    case "ORDER_STATE_UNSPECIFIED":
                    case 0:
                        m.state = 0;
                        break;
                    case "ORDER_STATE_PENDING_SUBMIT":
                    case 1:
                        m.state = 1;
                        break;
                    case "ORDER_STATE_SUBMITTED":
                    case 2:
                        m.state = 2;
                        break;
                    case "ORDER_STATE_ACCEPTED":
                    case 3:
                        m.state = 3;
                        break;
                    case "ORDER_STATE_PARTIALLY_FILLED":
                    case 4:
                        m.state = 4;
                        break;
                    case "ORDER_STATE_FILLED":
                    case 5:
                        m.state = 5;
                        break;
                    case "ORDER_STATE_PENDING_CANCEL":
                    case 6:
                        m.state = 6;
                        break;
                    case "ORDER_STATE_CANCELED":
                    case 7:
                        m.state = 7;
                        break;
                    case "ORDER_STATE_REJECTED":
                    case 8:
                        m.state = 8;
                        break;
                    case "ORDER_STATE_EXPIRED":
                    case 9:
                        m.state = 9;
                        break;
                    case "ORDER_STATE_UNKNOWN":
                    case 10:
                        m.state = 10;
                        break;
                    default:
                        if (typeof d.state === "number" && (d.state | 0) === d.state)
                            m.state = d.state;
                    }
                }
                if (d.previousState !== 0 && (typeof d.previousState !== "string" || $root.algotrader.v1.OrderState[d.previousState] !== 0)) {
                    switch (d.previousState) {
                    case "ORDER_STATE_UNSPECIFIED":
                    case 0:
                        m.previousState = 0;
                        break;
                    case "ORDER_STATE_PENDING_SUBMIT":
                    case 1:
                        m.previousState = 1;
                        break;
                    case "ORDER_STATE_SUBMITTED":
                    case 2:
                        m.previousState = 2;
                        break;
                    case "ORDER_STATE_ACCEPTED":
                    case 3:
                        m.previousState = 3;
                        break;
                    case "ORDER_STATE_PARTIALLY_FILLED":
                    case 4:
                        m.previousState = 4;
                        break;
                    case "ORDER_STATE_FILLED":
                    case 5:
                        m.previousState = 5;
                        break;
                    case "ORDER_STATE_PENDING_CANCEL":
                    case 6:
                        m.previousState = 6;
                        break;
                    case "ORDER_STATE_CANCELED":
                    case 7:
                        m.previousState = 7;
                        break;
                    case "ORDER_STATE_REJECTED":
                    case 8:
                        m.previousState = 8;
                        break;
                    case "ORDER_STATE_EXPIRED":
                    case 9:
                        m.previousState = 9;
                        break;
                    case "ORDER_STATE_UNKNOWN":
                    case 10:
                        m.previousState = 10;
                        break;
                    default:
                        if (typeof d.previousState === "number" && (d.previousState | 0) === d.previousState)
                            m.previousState = d.previousState;
                    }
                }
                if (d.filledQuantity != null) {
                    if (typeof d.filledQuantity !== "string" || d.filledQuantity.length) {
                        m.filledQuantity = $String(d.filledQuantity);
                    }
                }
                if (d.averagePrice != null) {
                    if (typeof d.averagePrice !== "string" || d.averagePrice.length) {
                        m.averagePrice = $String(d.averagePrice);
                    }
                }
                if (d.reason != null) {
                    if (typeof d.reason !== "string" || d.reason.length) {
                        m.reason = $String(d.reason);
                    }
                }
                if (d.timeMs != null) {
                    if (typeof d.timeMs === "object" ? d.timeMs.low || d.timeMs.high : $Number(d.timeMs) !== 0) {
                        if ($util.Long)
                            m.timeMs = $util.Long.fromValue(d.timeMs, false);
                        else if (typeof d.timeMs === "string")
                            m.timeMs = $parseInt(d.timeMs, 10);
                        else if (typeof d.timeMs === "number")
                            m.timeMs = d.timeMs;
                        else if (typeof d.timeMs === "object")
                            m.timeMs = new $util.LongBits(d.timeMs.low >>> 0, d.timeMs.high >>> 0).toNumber();
                    }
                }
                if (d.seq != null) {
                    if ($Number(d.seq) !== 0) {
                        m.seq = d.seq >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an OrderEvent message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.OrderEvent
             * @static
             * @param {algotrader.v1.OrderEvent} m OrderEvent
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            OrderEvent.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.clientOrderId = "";
                    d.exchangeOrderId = "";
                    d.account = "";
                    d.instrument = null;
                    d.state = o.enums === $String ? "ORDER_STATE_UNSPECIFIED" : 0;
                    d.previousState = o.enums === $String ? "ORDER_STATE_UNSPECIFIED" : 0;
                    d.filledQuantity = "";
                    d.averagePrice = "";
                    d.reason = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.timeMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.timeMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.seq = 0;
                }
                if (m.clientOrderId != null && $Object.hasOwnProperty.call(m, "clientOrderId")) {
                    d.clientOrderId = m.clientOrderId;
                }
                if (m.exchangeOrderId != null && $Object.hasOwnProperty.call(m, "exchangeOrderId")) {
                    d.exchangeOrderId = m.exchangeOrderId;
                }
                if (m.account != null && $Object.hasOwnProperty.call(m, "account")) {
                    d.account = m.account;
                }
                if (m.instrument != null && $Object.hasOwnProperty.call(m, "instrument")) {
                    d.instrument = $root.algotrader.v1.InstrumentRef.toObject(m.instrument, o, q + 1);
                }
                if (m.state != null && $Object.hasOwnProperty.call(m, "state")) {
                    d.state = o.enums === $String ? $root.algotrader.v1.OrderState[m.state] === $undefined ? m.state : $root.algotrader.v1.OrderState[m.state] : m.state;
                }
                if (m.previousState != null && $Object.hasOwnProperty.call(m, "previousState")) {
                    d.previousState = o.enums === $String ? $root.algotrader.v1.OrderState[m.previousState] === $undefined ? m.previousState : $root.algotrader.v1.OrderState[m.previousState] : m.previousState;
                }
                if (m.filledQuantity != null && $Object.hasOwnProperty.call(m, "filledQuantity")) {
                    d.filledQuantity = m.filledQuantity;
                }
                if (m.averagePrice != null && $Object.hasOwnProperty.call(m, "averagePrice")) {
                    d.averagePrice = m.averagePrice;
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    d.reason = m.reason;
                }
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.timeMs = typeof m.timeMs === "number" ? $BigInt(m.timeMs) : $util.Long.fromBits(m.timeMs.low >>> 0, m.timeMs.high >>> 0, false).toBigInt();
                    else if (typeof m.timeMs === "number")
                        d.timeMs = o.longs === $String ? $String(m.timeMs) : m.timeMs;
                    else
                        d.timeMs = o.longs === $String ? $util.Long.prototype.toString.call(m.timeMs) : o.longs === $Number ? new $util.LongBits(m.timeMs.low >>> 0, m.timeMs.high >>> 0).toNumber() : m.timeMs;
                }
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq")) {
                    d.seq = m.seq;
                }
                return d;
            };

            /**
             * Converts this OrderEvent to JSON.
             * @function toJSON
             * @memberof algotrader.v1.OrderEvent
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            OrderEvent.prototype.toJSON = function() {
                return OrderEvent.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for OrderEvent
             * @function getTypeUrl
             * @memberof algotrader.v1.OrderEvent
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            OrderEvent.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.OrderEvent";
            };

            return OrderEvent;
        })();

        v1.Fill = (function() {

            /**
             * Properties of a Fill.
             * @typedef {Object} algotrader.v1.Fill.$Properties
             * @property {string|null} [tradeId] Fill tradeId
             * @property {string|null} [clientOrderId] Fill clientOrderId
             * @property {string|null} [account] Fill account
             * @property {algotrader.v1.InstrumentRef.$Properties|null} [instrument] Fill instrument
             * @property {algotrader.v1.Side|null} [side] Fill side
             * @property {string|null} [quantity] Fill quantity
             * @property {string|null} [price] Fill price
             * @property {string|null} [fee] Fill fee
             * @property {string|null} [feeCurrency] Fill feeCurrency
             * @property {number|null} [timeMs] Fill timeMs
             * @property {boolean|null} [maker] Fill maker
             * @property {algotrader.v1.ExitReason|null} [exitReason] Fill exitReason
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Fill.
             * @memberof algotrader.v1
             * @interface IFill
             * @augments algotrader.v1.Fill.$Properties
             * @deprecated Use algotrader.v1.Fill.$Properties instead.
             */

            /**
             * Shape of a Fill.
             * @typedef {algotrader.v1.Fill.$Properties} algotrader.v1.Fill.$Shape
             */

            /**
             * Constructs a new Fill.
             * @memberof algotrader.v1
             * @classdesc Represents a Fill.
             * @constructor
             * @param {algotrader.v1.Fill.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Fill = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Fill tradeId.
             * @member {string} tradeId
             * @memberof algotrader.v1.Fill
             * @instance
             */
            Fill.prototype.tradeId = "";

            /**
             * Fill clientOrderId.
             * @member {string} clientOrderId
             * @memberof algotrader.v1.Fill
             * @instance
             */
            Fill.prototype.clientOrderId = "";

            /**
             * Fill account.
             * @member {string} account
             * @memberof algotrader.v1.Fill
             * @instance
             */
            Fill.prototype.account = "";

            /**
             * Fill instrument.
             * @member {algotrader.v1.InstrumentRef.$Properties|null|undefined} instrument
             * @memberof algotrader.v1.Fill
             * @instance
             */
            Fill.prototype.instrument = null;

            /**
             * Fill side.
             * @member {algotrader.v1.Side} side
             * @memberof algotrader.v1.Fill
             * @instance
             */
            Fill.prototype.side = 0;

            /**
             * Fill quantity.
             * @member {string} quantity
             * @memberof algotrader.v1.Fill
             * @instance
             */
            Fill.prototype.quantity = "";

            /**
             * Fill price.
             * @member {string} price
             * @memberof algotrader.v1.Fill
             * @instance
             */
            Fill.prototype.price = "";

            /**
             * Fill fee.
             * @member {string} fee
             * @memberof algotrader.v1.Fill
             * @instance
             */
            Fill.prototype.fee = "";

            /**
             * Fill feeCurrency.
             * @member {string} feeCurrency
             * @memberof algotrader.v1.Fill
             * @instance
             */
            Fill.prototype.feeCurrency = "";

            /**
             * Fill timeMs.
             * @member {number} timeMs
             * @memberof algotrader.v1.Fill
             * @instance
             */
            Fill.prototype.timeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Fill maker.
             * @member {boolean} maker
             * @memberof algotrader.v1.Fill
             * @instance
             */
            Fill.prototype.maker = false;

            /**
             * Fill exitReason.
             * @member {algotrader.v1.ExitReason} exitReason
             * @memberof algotrader.v1.Fill
             * @instance
             */
            Fill.prototype.exitReason = 0;

            /**
             * Creates a new Fill instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.Fill
             * @static
             * @param {algotrader.v1.Fill.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.Fill} Fill instance
             * @type {{
             *   (properties: algotrader.v1.Fill.$Shape): algotrader.v1.Fill & algotrader.v1.Fill.$Shape;
             *   (properties?: algotrader.v1.Fill.$Properties): algotrader.v1.Fill;
             * }}
             */
            Fill.create = function(properties) {
                return new Fill(properties);
            };

            /**
             * Encodes the specified Fill message. Does not implicitly {@link algotrader.v1.Fill.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.Fill
             * @static
             * @param {algotrader.v1.Fill.$Properties} m Fill message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Fill.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.tradeId != null && $Object.hasOwnProperty.call(m, "tradeId") && m.tradeId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.tradeId);
                if (m.clientOrderId != null && $Object.hasOwnProperty.call(m, "clientOrderId") && m.clientOrderId !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.clientOrderId);
                if (m.account != null && $Object.hasOwnProperty.call(m, "account") && m.account !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.account);
                if (m.instrument != null && $Object.hasOwnProperty.call(m, "instrument"))
                    $root.algotrader.v1.InstrumentRef.encode(m.instrument, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                if (m.side != null && $Object.hasOwnProperty.call(m, "side") && m.side !== 0)
                    w.uint32(/* id 5, wireType 0 =*/40).int32(m.side);
                if (m.quantity != null && $Object.hasOwnProperty.call(m, "quantity") && m.quantity !== "")
                    w.uint32(/* id 6, wireType 2 =*/50).string(m.quantity);
                if (m.price != null && $Object.hasOwnProperty.call(m, "price") && m.price !== "")
                    w.uint32(/* id 7, wireType 2 =*/58).string(m.price);
                if (m.fee != null && $Object.hasOwnProperty.call(m, "fee") && m.fee !== "")
                    w.uint32(/* id 8, wireType 2 =*/66).string(m.fee);
                if (m.feeCurrency != null && $Object.hasOwnProperty.call(m, "feeCurrency") && m.feeCurrency !== "")
                    w.uint32(/* id 9, wireType 2 =*/74).string(m.feeCurrency);
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs") && (typeof m.timeMs === "object" ? m.timeMs.low || m.timeMs.high : m.timeMs !== 0))
                    w.uint32(/* id 10, wireType 0 =*/80).int64(m.timeMs);
                if (m.maker != null && $Object.hasOwnProperty.call(m, "maker") && m.maker !== false)
                    w.uint32(/* id 11, wireType 0 =*/88).bool(m.maker);
                if (m.exitReason != null && $Object.hasOwnProperty.call(m, "exitReason") && m.exitReason !== 0)
                    w.uint32(/* id 12, wireType 0 =*/96).int32(m.exitReason);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Fill message, length delimited. Does not implicitly {@link algotrader.v1.Fill.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.Fill
             * @static
             * @param {algotrader.v1.Fill.$Properties} message Fill message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Fill.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Fill message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.Fill
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.Fill & algotrader.v1.Fill.$Shape} Fill
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Fill.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.Fill();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.tradeId = v;
                            else
                                delete m.tradeId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.clientOrderId = v;
                            else
                                delete m.clientOrderId;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.account = v;
                            else
                                delete m.account;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            m.instrument = $root.algotrader.v1.InstrumentRef.decode(r, r.size(), $undefined, q + 1, m.instrument);
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.side = v;
                            else
                                delete m.side;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.quantity = v;
                            else
                                delete m.quantity;
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.price = v;
                            else
                                delete m.price;
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.fee = v;
                            else
                                delete m.fee;
                            continue;
                        }
                    case 9: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.feeCurrency = v;
                            else
                                delete m.feeCurrency;
                            continue;
                        }
                    case 10: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.timeMs = v;
                            else
                                delete m.timeMs;
                            continue;
                        }
                    case 11: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.maker = v;
                            else
                                delete m.maker;
                            continue;
                        }
                    case 12: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.exitReason = v;
                            else
                                delete m.exitReason;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Fill message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.Fill
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.Fill & algotrader.v1.Fill.$Shape} Fill
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Fill.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Fill message.
             * @function verify
             * @memberof algotrader.v1.Fill
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Fill.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.tradeId != null && $Object.hasOwnProperty.call(m, "tradeId")) {
                    if (!$util.isString(m.tradeId))
                        return "tradeId: string expected";
                }
                if (m.clientOrderId != null && $Object.hasOwnProperty.call(m, "clientOrderId")) {
                    if (!$util.isString(m.clientOrderId))
                        return "clientOrderId: string expected";
                }
                if (m.account != null && $Object.hasOwnProperty.call(m, "account")) {
                    if (!$util.isString(m.account))
                        return "account: string expected";
                }
                if (m.instrument != null && $Object.hasOwnProperty.call(m, "instrument")) {
                    {
                        var e = $root.algotrader.v1.InstrumentRef.verify(m.instrument, q + 1);
                        if (e)
                            return "instrument." + e;
                    }
                }
                if (m.side != null && $Object.hasOwnProperty.call(m, "side")) {
                    if (typeof m.side !== "number" || (m.side | 0) !== m.side)
                        return "side: enum value expected";
                }
                if (m.quantity != null && $Object.hasOwnProperty.call(m, "quantity")) {
                    if (!$util.isString(m.quantity))
                        return "quantity: string expected";
                }
                if (m.price != null && $Object.hasOwnProperty.call(m, "price")) {
                    if (!$util.isString(m.price))
                        return "price: string expected";
                }
                if (m.fee != null && $Object.hasOwnProperty.call(m, "fee")) {
                    if (!$util.isString(m.fee))
                        return "fee: string expected";
                }
                if (m.feeCurrency != null && $Object.hasOwnProperty.call(m, "feeCurrency")) {
                    if (!$util.isString(m.feeCurrency))
                        return "feeCurrency: string expected";
                }
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs")) {
                    if (!$util.isInteger(m.timeMs) && !(m.timeMs && $util.isInteger(m.timeMs.low) && $util.isInteger(m.timeMs.high)))
                        return "timeMs: integer|Long expected";
                }
                if (m.maker != null && $Object.hasOwnProperty.call(m, "maker")) {
                    if (typeof m.maker !== "boolean")
                        return "maker: boolean expected";
                }
                if (m.exitReason != null && $Object.hasOwnProperty.call(m, "exitReason")) {
                    if (typeof m.exitReason !== "number" || (m.exitReason | 0) !== m.exitReason)
                        return "exitReason: enum value expected";
                }
                return null;
            };

            /**
             * Creates a Fill message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.Fill
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.Fill} Fill
             */
            Fill.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.Fill)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.Fill: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.Fill();
                if (d.tradeId != null) {
                    if (typeof d.tradeId !== "string" || d.tradeId.length) {
                        m.tradeId = $String(d.tradeId);
                    }
                }
                if (d.clientOrderId != null) {
                    if (typeof d.clientOrderId !== "string" || d.clientOrderId.length) {
                        m.clientOrderId = $String(d.clientOrderId);
                    }
                }
                if (d.account != null) {
                    if (typeof d.account !== "string" || d.account.length) {
                        m.account = $String(d.account);
                    }
                }
                if (d.instrument != null) {
                    if (!$util.isObject(d.instrument))
                        throw $TypeError(".algotrader.v1.Fill.instrument: object expected");
                    m.instrument = $root.algotrader.v1.InstrumentRef.fromObject(d.instrument, q + 1);
                }
                if (d.side !== 0 && (typeof d.side !== "string" || $root.algotrader.v1.Side[d.side] !== 0)) {
                    switch (d.side) {
                    case "SIDE_UNSPECIFIED":
                    case 0:
                        m.side = 0;
                        break;
                    case "SIDE_BUY":
                    case 1:
                        m.side = 1;
                        break;
                    case "SIDE_SELL":
                    case 2:
                        m.side = 2;
                        break;
                    default:
                        if (typeof d.side === "number" && (d.side | 0) === d.side)
                            m.side = d.side;
                    }
                }
                if (d.quantity != null) {
                    if (typeof d.quantity !== "string" || d.quantity.length) {
                        m.quantity = $String(d.quantity);
                    }
                }
                if (d.price != null) {
                    if (typeof d.price !== "string" || d.price.length) {
                        m.price = $String(d.price);
                    }
                }
                if (d.fee != null) {
                    if (typeof d.fee !== "string" || d.fee.length) {
                        m.fee = $String(d.fee);
                    }
                }
                if (d.feeCurrency != null) {
                    if (typeof d.feeCurrency !== "string" || d.feeCurrency.length) {
                        m.feeCurrency = $String(d.feeCurrency);
                    }
                }
                if (d.timeMs != null) {
                    if (typeof d.timeMs === "object" ? d.timeMs.low || d.timeMs.high : $Number(d.timeMs) !== 0) {
                        if ($util.Long)
                            m.timeMs = $util.Long.fromValue(d.timeMs, false);
                        else if (typeof d.timeMs === "string")
                            m.timeMs = $parseInt(d.timeMs, 10);
                        else if (typeof d.timeMs === "number")
                            m.timeMs = d.timeMs;
                        else if (typeof d.timeMs === "object")
                            m.timeMs = new $util.LongBits(d.timeMs.low >>> 0, d.timeMs.high >>> 0).toNumber();
                    }
                }
                if (d.maker != null) {
                    if (d.maker) {
                        m.maker = $Boolean(d.maker);
                    }
                }
                if (d.exitReason !== 0 && (typeof d.exitReason !== "string" || $root.algotrader.v1.ExitReason[d.exitReason] !== 0)) {
                    switch (d.exitReason) {
                    case "EXIT_REASON_UNSPECIFIED":
                    case 0:
                        m.exitReason = 0;
                        break;
                    case "EXIT_REASON_SIGNAL":
                    case 1:
                        m.exitReason = 1;
                        break;
                    case "EXIT_REASON_STOP_LOSS":
                    case 2:
                        m.exitReason = 2;
                        break;
                    case "EXIT_REASON_TAKE_PROFIT":
                    case 3:
                        m.exitReason = 3;
                        break;
                    case "EXIT_REASON_TRAILING_STOP":
                    case 4:
                        m.exitReason = 4;
                        break;
                    case "EXIT_REASON_FORCEEXIT":
                    case 5:
                        m.exitReason = 5;
                        break;
                    case "EXIT_REASON_LIQUIDATION":
                    case 6:
                        m.exitReason = 6;
                        break;
                    default:
                        if (typeof d.exitReason === "number" && (d.exitReason | 0) === d.exitReason)
                            m.exitReason = d.exitReason;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Fill message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.Fill
             * @static
             * @param {algotrader.v1.Fill} m Fill
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Fill.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.tradeId = "";
                    d.clientOrderId = "";
                    d.account = "";
                    d.instrument = null;
                    d.side = o.enums === $String ? "SIDE_UNSPECIFIED" : 0;
                    d.quantity = "";
                    d.price = "";
                    d.fee = "";
                    d.feeCurrency = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.timeMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.timeMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.maker = false;
                    d.exitReason = o.enums === $String ? "EXIT_REASON_UNSPECIFIED" : 0;
                }
                if (m.tradeId != null && $Object.hasOwnProperty.call(m, "tradeId")) {
                    d.tradeId = m.tradeId;
                }
                if (m.clientOrderId != null && $Object.hasOwnProperty.call(m, "clientOrderId")) {
                    d.clientOrderId = m.clientOrderId;
                }
                if (m.account != null && $Object.hasOwnProperty.call(m, "account")) {
                    d.account = m.account;
                }
                if (m.instrument != null && $Object.hasOwnProperty.call(m, "instrument")) {
                    d.instrument = $root.algotrader.v1.InstrumentRef.toObject(m.instrument, o, q + 1);
                }
                if (m.side != null && $Object.hasOwnProperty.call(m, "side")) {
                    d.side = o.enums === $String ? $root.algotrader.v1.Side[m.side] === $undefined ? m.side : $root.algotrader.v1.Side[m.side] : m.side;
                }
                if (m.quantity != null && $Object.hasOwnProperty.call(m, "quantity")) {
                    d.quantity = m.quantity;
                }
                if (m.price != null && $Object.hasOwnProperty.call(m, "price")) {
                    d.price = m.price;
                }
                if (m.fee != null && $Object.hasOwnProperty.call(m, "fee")) {
                    d.fee = m.fee;
                }
                if (m.feeCurrency != null && $Object.hasOwnProperty.call(m, "feeCurrency")) {
                    d.feeCurrency = m.feeCurrency;
                }
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.timeMs = typeof m.timeMs === "number" ? $BigInt(m.timeMs) : $util.Long.fromBits(m.timeMs.low >>> 0, m.timeMs.high >>> 0, false).toBigInt();
                    else if (typeof m.timeMs === "number")
                        d.timeMs = o.longs === $String ? $String(m.timeMs) : m.timeMs;
                    else
                        d.timeMs = o.longs === $String ? $util.Long.prototype.toString.call(m.timeMs) : o.longs === $Number ? new $util.LongBits(m.timeMs.low >>> 0, m.timeMs.high >>> 0).toNumber() : m.timeMs;
                }
                if (m.maker != null && $Object.hasOwnProperty.call(m, "maker")) {
                    d.maker = m.maker;
                }
                if (m.exitReason != null && $Object.hasOwnProperty.call(m, "exitReason")) {
                    d.exitReason = o.enums === $String ? $root.algotrader.v1.ExitReason[m.exitReason] === $undefined ? m.exitReason : $root.algotrader.v1.ExitReason[m.exitReason] : m.exitReason;
                }
                return d;
            };

            /**
             * Converts this Fill to JSON.
             * @function toJSON
             * @memberof algotrader.v1.Fill
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Fill.prototype.toJSON = function() {
                return Fill.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Fill
             * @function getTypeUrl
             * @memberof algotrader.v1.Fill
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Fill.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.Fill";
            };

            return Fill;
        })();

        v1.Position = (function() {

            /**
             * Properties of a Position.
             * @typedef {Object} algotrader.v1.Position.$Properties
             * @property {algotrader.v1.InstrumentRef.$Properties|null} [instrument] Position instrument
             * @property {string|null} [quantity] Position quantity
             * @property {string|null} [averagePrice] Position averagePrice
             * @property {string|null} [realizedPnl] Position realizedPnl
             * @property {string|null} [unrealizedPnl] Position unrealizedPnl
             * @property {string|null} [markPrice] Position markPrice
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Position.
             * @memberof algotrader.v1
             * @interface IPosition
             * @augments algotrader.v1.Position.$Properties
             * @deprecated Use algotrader.v1.Position.$Properties instead.
             */

            /**
             * Shape of a Position.
             * @typedef {algotrader.v1.Position.$Properties} algotrader.v1.Position.$Shape
             */

            /**
             * Constructs a new Position.
             * @memberof algotrader.v1
             * @classdesc Represents a Position.
             * @constructor
             * @param {algotrader.v1.Position.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Position = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Position instrument.
             * @member {algotrader.v1.InstrumentRef.$Properties|null|undefined} instrument
             * @memberof algotrader.v1.Position
             * @instance
             */
            Position.prototype.instrument = null;

            /**
             * Position quantity.
             * @member {string} quantity
             * @memberof algotrader.v1.Position
             * @instance
             */
            Position.prototype.quantity = "";

            /**
             * Position averagePrice.
             * @member {string} averagePrice
             * @memberof algotrader.v1.Position
             * @instance
             */
            Position.prototype.averagePrice = "";

            /**
             * Position realizedPnl.
             * @member {string} realizedPnl
             * @memberof algotrader.v1.Position
             * @instance
             */
            Position.prototype.realizedPnl = "";

            /**
             * Position unrealizedPnl.
             * @member {string} unrealizedPnl
             * @memberof algotrader.v1.Position
             * @instance
             */
            Position.prototype.unrealizedPnl = "";

            /**
             * Position markPrice.
             * @member {string} markPrice
             * @memberof algotrader.v1.Position
             * @instance
             */
            Position.prototype.markPrice = "";

            /**
             * Creates a new Position instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.Position
             * @static
             * @param {algotrader.v1.Position.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.Position} Position instance
             * @type {{
             *   (properties: algotrader.v1.Position.$Shape): algotrader.v1.Position & algotrader.v1.Position.$Shape;
             *   (properties?: algotrader.v1.Position.$Properties): algotrader.v1.Position;
             * }}
             */
            Position.create = function(properties) {
                return new Position(properties);
            };

            /**
             * Encodes the specified Position message. Does not implicitly {@link algotrader.v1.Position.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.Position
             * @static
             * @param {algotrader.v1.Position.$Properties} m Position message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Position.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.instrument != null && $Object.hasOwnProperty.call(m, "instrument"))
                    $root.algotrader.v1.InstrumentRef.encode(m.instrument, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (m.quantity != null && $Object.hasOwnProperty.call(m, "quantity") && m.quantity !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.quantity);
                if (m.averagePrice != null && $Object.hasOwnProperty.call(m, "averagePrice") && m.averagePrice !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.averagePrice);
                if (m.realizedPnl != null && $Object.hasOwnProperty.call(m, "realizedPnl") && m.realizedPnl !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.realizedPnl);
                if (m.unrealizedPnl != null && $Object.hasOwnProperty.call(m, "unrealizedPnl") && m.unrealizedPnl !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.unrealizedPnl);
                if (m.markPrice != null && $Object.hasOwnProperty.call(m, "markPrice") && m.markPrice !== "")
                    w.uint32(/* id 6, wireType 2 =*/50).string(m.markPrice);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified Position message, length delimited. Does not implicitly {@link algotrader.v1.Position.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.Position
             * @static
             * @param {algotrader.v1.Position.$Properties} message Position message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Position.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Position message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.Position
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.Position & algotrader.v1.Position.$Shape} Position
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Position.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.Position();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.instrument = $root.algotrader.v1.InstrumentRef.decode(r, r.size(), $undefined, q + 1, m.instrument);
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.quantity = v;
                            else
                                delete m.quantity;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.averagePrice = v;
                            else
                                delete m.averagePrice;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.realizedPnl = v;
                            else
                                delete m.realizedPnl;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.unrealizedPnl = v;
                            else
                                delete m.unrealizedPnl;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.markPrice = v;
                            else
                                delete m.markPrice;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a Position message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.Position
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.Position & algotrader.v1.Position.$Shape} Position
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Position.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Position message.
             * @function verify
             * @memberof algotrader.v1.Position
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Position.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.instrument != null && $Object.hasOwnProperty.call(m, "instrument")) {
                    {
                        var e = $root.algotrader.v1.InstrumentRef.verify(m.instrument, q + 1);
                        if (e)
                            return "instrument." + e;
                    }
                }
                if (m.quantity != null && $Object.hasOwnProperty.call(m, "quantity")) {
                    if (!$util.isString(m.quantity))
                        return "quantity: string expected";
                }
                if (m.averagePrice != null && $Object.hasOwnProperty.call(m, "averagePrice")) {
                    if (!$util.isString(m.averagePrice))
                        return "averagePrice: string expected";
                }
                if (m.realizedPnl != null && $Object.hasOwnProperty.call(m, "realizedPnl")) {
                    if (!$util.isString(m.realizedPnl))
                        return "realizedPnl: string expected";
                }
                if (m.unrealizedPnl != null && $Object.hasOwnProperty.call(m, "unrealizedPnl")) {
                    if (!$util.isString(m.unrealizedPnl))
                        return "unrealizedPnl: string expected";
                }
                if (m.markPrice != null && $Object.hasOwnProperty.call(m, "markPrice")) {
                    if (!$util.isString(m.markPrice))
                        return "markPrice: string expected";
                }
                return null;
            };

            /**
             * Creates a Position message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.Position
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.Position} Position
             */
            Position.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.Position)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.Position: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.Position();
                if (d.instrument != null) {
                    if (!$util.isObject(d.instrument))
                        throw $TypeError(".algotrader.v1.Position.instrument: object expected");
                    m.instrument = $root.algotrader.v1.InstrumentRef.fromObject(d.instrument, q + 1);
                }
                if (d.quantity != null) {
                    if (typeof d.quantity !== "string" || d.quantity.length) {
                        m.quantity = $String(d.quantity);
                    }
                }
                if (d.averagePrice != null) {
                    if (typeof d.averagePrice !== "string" || d.averagePrice.length) {
                        m.averagePrice = $String(d.averagePrice);
                    }
                }
                if (d.realizedPnl != null) {
                    if (typeof d.realizedPnl !== "string" || d.realizedPnl.length) {
                        m.realizedPnl = $String(d.realizedPnl);
                    }
                }
                if (d.unrealizedPnl != null) {
                    if (typeof d.unrealizedPnl !== "string" || d.unrealizedPnl.length) {
                        m.unrealizedPnl = $String(d.unrealizedPnl);
                    }
                }
                if (d.markPrice != null) {
                    if (typeof d.markPrice !== "string" || d.markPrice.length) {
                        m.markPrice = $String(d.markPrice);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Position message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.Position
             * @static
             * @param {algotrader.v1.Position} m Position
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Position.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.instrument = null;
                    d.quantity = "";
                    d.averagePrice = "";
                    d.realizedPnl = "";
                    d.unrealizedPnl = "";
                    d.markPrice = "";
                }
                if (m.instrument != null && $Object.hasOwnProperty.call(m, "instrument")) {
                    d.instrument = $root.algotrader.v1.InstrumentRef.toObject(m.instrument, o, q + 1);
                }
                if (m.quantity != null && $Object.hasOwnProperty.call(m, "quantity")) {
                    d.quantity = m.quantity;
                }
                if (m.averagePrice != null && $Object.hasOwnProperty.call(m, "averagePrice")) {
                    d.averagePrice = m.averagePrice;
                }
                if (m.realizedPnl != null && $Object.hasOwnProperty.call(m, "realizedPnl")) {
                    d.realizedPnl = m.realizedPnl;
                }
                if (m.unrealizedPnl != null && $Object.hasOwnProperty.call(m, "unrealizedPnl")) {
                    d.unrealizedPnl = m.unrealizedPnl;
                }
                if (m.markPrice != null && $Object.hasOwnProperty.call(m, "markPrice")) {
                    d.markPrice = m.markPrice;
                }
                return d;
            };

            /**
             * Converts this Position to JSON.
             * @function toJSON
             * @memberof algotrader.v1.Position
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Position.prototype.toJSON = function() {
                return Position.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Position
             * @function getTypeUrl
             * @memberof algotrader.v1.Position
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Position.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.Position";
            };

            return Position;
        })();

        v1.PositionSnapshot = (function() {

            /**
             * Properties of a PositionSnapshot.
             * @typedef {Object} algotrader.v1.PositionSnapshot.$Properties
             * @property {string|null} [account] PositionSnapshot account
             * @property {number|null} [timeMs] PositionSnapshot timeMs
             * @property {Array.<algotrader.v1.Position.$Properties>|null} [positions] PositionSnapshot positions
             * @property {string|null} [cash] PositionSnapshot cash
             * @property {string|null} [equity] PositionSnapshot equity
             * @property {string|null} [quoteCurrency] PositionSnapshot quoteCurrency
             * @property {string|null} [peakEquity] PositionSnapshot peakEquity
             * @property {string|null} [dayStartEquity] PositionSnapshot dayStartEquity
             * @property {string|null} [drawdown] PositionSnapshot drawdown
             * @property {string|null} [dailyPnl] PositionSnapshot dailyPnl
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PositionSnapshot.
             * @memberof algotrader.v1
             * @interface IPositionSnapshot
             * @augments algotrader.v1.PositionSnapshot.$Properties
             * @deprecated Use algotrader.v1.PositionSnapshot.$Properties instead.
             */

            /**
             * Shape of a PositionSnapshot.
             * @typedef {algotrader.v1.PositionSnapshot.$Properties} algotrader.v1.PositionSnapshot.$Shape
             */

            /**
             * Constructs a new PositionSnapshot.
             * @memberof algotrader.v1
             * @classdesc Represents a PositionSnapshot.
             * @constructor
             * @param {algotrader.v1.PositionSnapshot.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PositionSnapshot = function (p) {
                this.positions = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * PositionSnapshot account.
             * @member {string} account
             * @memberof algotrader.v1.PositionSnapshot
             * @instance
             */
            PositionSnapshot.prototype.account = "";

            /**
             * PositionSnapshot timeMs.
             * @member {number} timeMs
             * @memberof algotrader.v1.PositionSnapshot
             * @instance
             */
            PositionSnapshot.prototype.timeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * PositionSnapshot positions.
             * @member {Array.<algotrader.v1.Position.$Properties>} positions
             * @memberof algotrader.v1.PositionSnapshot
             * @instance
             */
            PositionSnapshot.prototype.positions = $util.emptyArray;

            /**
             * PositionSnapshot cash.
             * @member {string} cash
             * @memberof algotrader.v1.PositionSnapshot
             * @instance
             */
            PositionSnapshot.prototype.cash = "";

            /**
             * PositionSnapshot equity.
             * @member {string} equity
             * @memberof algotrader.v1.PositionSnapshot
             * @instance
             */
            PositionSnapshot.prototype.equity = "";

            /**
             * PositionSnapshot quoteCurrency.
             * @member {string} quoteCurrency
             * @memberof algotrader.v1.PositionSnapshot
             * @instance
             */
            PositionSnapshot.prototype.quoteCurrency = "";

            /**
             * PositionSnapshot peakEquity.
             * @member {string} peakEquity
             * @memberof algotrader.v1.PositionSnapshot
             * @instance
             */
            PositionSnapshot.prototype.peakEquity = "";

            /**
             * PositionSnapshot dayStartEquity.
             * @member {string} dayStartEquity
             * @memberof algotrader.v1.PositionSnapshot
             * @instance
             */
            PositionSnapshot.prototype.dayStartEquity = "";

            /**
             * PositionSnapshot drawdown.
             * @member {string} drawdown
             * @memberof algotrader.v1.PositionSnapshot
             * @instance
             */
            PositionSnapshot.prototype.drawdown = "";

            /**
             * PositionSnapshot dailyPnl.
             * @member {string} dailyPnl
             * @memberof algotrader.v1.PositionSnapshot
             * @instance
             */
            PositionSnapshot.prototype.dailyPnl = "";

            /**
             * Creates a new PositionSnapshot instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.PositionSnapshot
             * @static
             * @param {algotrader.v1.PositionSnapshot.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.PositionSnapshot} PositionSnapshot instance
             * @type {{
             *   (properties: algotrader.v1.PositionSnapshot.$Shape): algotrader.v1.PositionSnapshot & algotrader.v1.PositionSnapshot.$Shape;
             *   (properties?: algotrader.v1.PositionSnapshot.$Properties): algotrader.v1.PositionSnapshot;
             * }}
             */
            PositionSnapshot.create = function(properties) {
                return new PositionSnapshot(properties);
            };

            /**
             * Encodes the specified PositionSnapshot message. Does not implicitly {@link algotrader.v1.PositionSnapshot.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.PositionSnapshot
             * @static
             * @param {algotrader.v1.PositionSnapshot.$Properties} m PositionSnapshot message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PositionSnapshot.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.account != null && $Object.hasOwnProperty.call(m, "account") && m.account !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.account);
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs") && (typeof m.timeMs === "object" ? m.timeMs.low || m.timeMs.high : m.timeMs !== 0))
                    w.uint32(/* id 2, wireType 0 =*/16).int64(m.timeMs);
                if (m.positions != null && m.positions.length) {
                    for (var i = 0; i < m.positions.length; ++i)
                        $root.algotrader.v1.Position.encode(m.positions[i], w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                }
                if (m.cash != null && $Object.hasOwnProperty.call(m, "cash") && m.cash !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.cash);
                if (m.equity != null && $Object.hasOwnProperty.call(m, "equity") && m.equity !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.equity);
                if (m.quoteCurrency != null && $Object.hasOwnProperty.call(m, "quoteCurrency") && m.quoteCurrency !== "")
                    w.uint32(/* id 6, wireType 2 =*/50).string(m.quoteCurrency);
                if (m.peakEquity != null && $Object.hasOwnProperty.call(m, "peakEquity") && m.peakEquity !== "")
                    w.uint32(/* id 7, wireType 2 =*/58).string(m.peakEquity);
                if (m.dayStartEquity != null && $Object.hasOwnProperty.call(m, "dayStartEquity") && m.dayStartEquity !== "")
                    w.uint32(/* id 8, wireType 2 =*/66).string(m.dayStartEquity);
                if (m.drawdown != null && $Object.hasOwnProperty.call(m, "drawdown") && m.drawdown !== "")
                    w.uint32(/* id 9, wireType 2 =*/74).string(m.drawdown);
                if (m.dailyPnl != null && $Object.hasOwnProperty.call(m, "dailyPnl") && m.dailyPnl !== "")
                    w.uint32(/* id 10, wireType 2 =*/82).string(m.dailyPnl);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified PositionSnapshot message, length delimited. Does not implicitly {@link algotrader.v1.PositionSnapshot.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.PositionSnapshot
             * @static
             * @param {algotrader.v1.PositionSnapshot.$Properties} message PositionSnapshot message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PositionSnapshot.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a PositionSnapshot message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.PositionSnapshot
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.PositionSnapshot & algotrader.v1.PositionSnapshot.$Shape} PositionSnapshot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PositionSnapshot.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.PositionSnapshot();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.account = v;
                            else
                                delete m.account;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.timeMs = v;
                            else
                                delete m.timeMs;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if (!(m.positions && m.positions.length))
                                m.positions = [];
                            m.positions.push($root.algotrader.v1.Position.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.cash = v;
                            else
                                delete m.cash;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.equity = v;
                            else
                                delete m.equity;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.quoteCurrency = v;
                            else
                                delete m.quoteCurrency;
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.peakEquity = v;
                            else
                                delete m.peakEquity;
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.dayStartEquity = v;
                            else
                                delete m.dayStartEquity;
                            continue;
                        }
                    case 9: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.drawdown = v;
                            else
                                delete m.drawdown;
                            continue;
                        }
                    case 10: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.dailyPnl = v;
                            else
                                delete m.dailyPnl;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a PositionSnapshot message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.PositionSnapshot
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.PositionSnapshot & algotrader.v1.PositionSnapshot.$Shape} PositionSnapshot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PositionSnapshot.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a PositionSnapshot message.
             * @function verify
             * @memberof algotrader.v1.PositionSnapshot
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            PositionSnapshot.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.account != null && $Object.hasOwnProperty.call(m, "account")) {
                    if (!$util.isString(m.account))
                        return "account: string expected";
                }
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs")) {
                    if (!$util.isInteger(m.timeMs) && !(m.timeMs && $util.isInteger(m.timeMs.low) && $util.isInteger(m.timeMs.high)))
                        return "timeMs: integer|Long expected";
                }
                if (m.positions != null && $Object.hasOwnProperty.call(m, "positions")) {
                    if (!$Array.isArray(m.positions))
                        return "positions: array expected";
                    for (var i = 0; i < m.positions.length; ++i) {
                        {
                            var e = $root.algotrader.v1.Position.verify(m.positions[i], q + 1);
                            if (e)
                                return "positions." + e;
                        }
                    }
                }
                if (m.cash != null && $Object.hasOwnProperty.call(m, "cash")) {
                    if (!$util.isString(m.cash))
                        return "cash: string expected";
                }
                if (m.equity != null && $Object.hasOwnProperty.call(m, "equity")) {
                    if (!$util.isString(m.equity))
                        return "equity: string expected";
                }
                if (m.quoteCurrency != null && $Object.hasOwnProperty.call(m, "quoteCurrency")) {
                    if (!$util.isString(m.quoteCurrency))
                        return "quoteCurrency: string expected";
                }
                if (m.peakEquity != null && $Object.hasOwnProperty.call(m, "peakEquity")) {
                    if (!$util.isString(m.peakEquity))
                        return "peakEquity: string expected";
                }
                if (m.dayStartEquity != null && $Object.hasOwnProperty.call(m, "dayStartEquity")) {
                    if (!$util.isString(m.dayStartEquity))
                        return "dayStartEquity: string expected";
                }
                if (m.drawdown != null && $Object.hasOwnProperty.call(m, "drawdown")) {
                    if (!$util.isString(m.drawdown))
                        return "drawdown: string expected";
                }
                if (m.dailyPnl != null && $Object.hasOwnProperty.call(m, "dailyPnl")) {
                    if (!$util.isString(m.dailyPnl))
                        return "dailyPnl: string expected";
                }
                return null;
            };

            /**
             * Creates a PositionSnapshot message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.PositionSnapshot
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.PositionSnapshot} PositionSnapshot
             */
            PositionSnapshot.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.PositionSnapshot)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.PositionSnapshot: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.PositionSnapshot();
                if (d.account != null) {
                    if (typeof d.account !== "string" || d.account.length) {
                        m.account = $String(d.account);
                    }
                }
                if (d.timeMs != null) {
                    if (typeof d.timeMs === "object" ? d.timeMs.low || d.timeMs.high : $Number(d.timeMs) !== 0) {
                        if ($util.Long)
                            m.timeMs = $util.Long.fromValue(d.timeMs, false);
                        else if (typeof d.timeMs === "string")
                            m.timeMs = $parseInt(d.timeMs, 10);
                        else if (typeof d.timeMs === "number")
                            m.timeMs = d.timeMs;
                        else if (typeof d.timeMs === "object")
                            m.timeMs = new $util.LongBits(d.timeMs.low >>> 0, d.timeMs.high >>> 0).toNumber();
                    }
                }
                if (d.positions) {
                    if (!$Array.isArray(d.positions))
                        throw $TypeError(".algotrader.v1.PositionSnapshot.positions: array expected");
                    m.positions = $Array(d.positions.length);
                    for (var i = 0; i < d.positions.length; ++i) {
                        if (!$util.isObject(d.positions[i]))
                            throw $TypeError(".algotrader.v1.PositionSnapshot.positions: object expected");
                        m.positions[i] = $root.algotrader.v1.Position.fromObject(d.positions[i], q + 1);
                    }
                }
                if (d.cash != null) {
                    if (typeof d.cash !== "string" || d.cash.length) {
                        m.cash = $String(d.cash);
                    }
                }
                if (d.equity != null) {
                    if (typeof d.equity !== "string" || d.equity.length) {
                        m.equity = $String(d.equity);
                    }
                }
                if (d.quoteCurrency != null) {
                    if (typeof d.quoteCurrency !== "string" || d.quoteCurrency.length) {
                        m.quoteCurrency = $String(d.quoteCurrency);
                    }
                }
                if (d.peakEquity != null) {
                    if (typeof d.peakEquity !== "string" || d.peakEquity.length) {
                        m.peakEquity = $String(d.peakEquity);
                    }
                }
                if (d.dayStartEquity != null) {
                    if (typeof d.dayStartEquity !== "string" || d.dayStartEquity.length) {
                        m.dayStartEquity = $String(d.dayStartEquity);
                    }
                }
                if (d.drawdown != null) {
                    if (typeof d.drawdown !== "string" || d.drawdown.length) {
                        m.drawdown = $String(d.drawdown);
                    }
                }
                if (d.dailyPnl != null) {
                    if (typeof d.dailyPnl !== "string" || d.dailyPnl.length) {
                        m.dailyPnl = $String(d.dailyPnl);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a PositionSnapshot message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.PositionSnapshot
             * @static
             * @param {algotrader.v1.PositionSnapshot} m PositionSnapshot
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            PositionSnapshot.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.positions = [];
                }
                if (o.defaults) {
                    d.account = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.timeMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.timeMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.cash = "";
                    d.equity = "";
                    d.quoteCurrency = "";
                    d.peakEquity = "";
                    d.dayStartEquity = "";
                    d.drawdown = "";
                    d.dailyPnl = "";
                }
                if (m.account != null && $Object.hasOwnProperty.call(m, "account")) {
                    d.account = m.account;
                }
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.timeMs = typeof m.timeMs === "number" ? $BigInt(m.timeMs) : $util.Long.fromBits(m.timeMs.low >>> 0, m.timeMs.high >>> 0, false).toBigInt();
                    else if (typeof m.timeMs === "number")
                        d.timeMs = o.longs === $String ? $String(m.timeMs) : m.timeMs;
                    else
                        d.timeMs = o.longs === $String ? $util.Long.prototype.toString.call(m.timeMs) : o.longs === $Number ? new $util.LongBits(m.timeMs.low >>> 0, m.timeMs.high >>> 0).toNumber() : m.timeMs;
                }
                if (m.positions && m.positions.length) {
                    d.positions = $Array(m.positions.length);
                    for (var j = 0; j < m.positions.length; ++j) {
                        d.positions[j] = $root.algotrader.v1.Position.toObject(m.positions[j], o, q + 1);
                    }
                }
                if (m.cash != null && $Object.hasOwnProperty.call(m, "cash")) {
                    d.cash = m.cash;
                }
                if (m.equity != null && $Object.hasOwnProperty.call(m, "equity")) {
                    d.equity = m.equity;
                }
                if (m.quoteCurrency != null && $Object.hasOwnProperty.call(m, "quoteCurrency")) {
                    d.quoteCurrency = m.quoteCurrency;
                }
                if (m.peakEquity != null && $Object.hasOwnProperty.call(m, "peakEquity")) {
                    d.peakEquity = m.peakEquity;
                }
                if (m.dayStartEquity != null && $Object.hasOwnProperty.call(m, "dayStartEquity")) {
                    d.dayStartEquity = m.dayStartEquity;
                }
                if (m.drawdown != null && $Object.hasOwnProperty.call(m, "drawdown")) {
                    d.drawdown = m.drawdown;
                }
                if (m.dailyPnl != null && $Object.hasOwnProperty.call(m, "dailyPnl")) {
                    d.dailyPnl = m.dailyPnl;
                }
                return d;
            };

            /**
             * Converts this PositionSnapshot to JSON.
             * @function toJSON
             * @memberof algotrader.v1.PositionSnapshot
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            PositionSnapshot.prototype.toJSON = function() {
                return PositionSnapshot.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for PositionSnapshot
             * @function getTypeUrl
             * @memberof algotrader.v1.PositionSnapshot
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            PositionSnapshot.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.PositionSnapshot";
            };

            return PositionSnapshot;
        })();

        v1.ForceExit = (function() {

            /**
             * Properties of a ForceExit.
             * @typedef {Object} algotrader.v1.ForceExit.$Properties
             * @property {string|null} [requestId] ForceExit requestId
             * @property {string|null} [account] ForceExit account
             * @property {algotrader.v1.InstrumentRef.$Properties|null} [instrument] ForceExit instrument
             * @property {boolean|null} [all] ForceExit all
             * @property {string|null} [issuedBy] ForceExit issuedBy
             * @property {string|null} [reason] ForceExit reason
             * @property {number|null} [timeMs] ForceExit timeMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ForceExit.
             * @memberof algotrader.v1
             * @interface IForceExit
             * @augments algotrader.v1.ForceExit.$Properties
             * @deprecated Use algotrader.v1.ForceExit.$Properties instead.
             */

            /**
             * Shape of a ForceExit.
             * @typedef {algotrader.v1.ForceExit.$Properties} algotrader.v1.ForceExit.$Shape
             */

            /**
             * Constructs a new ForceExit.
             * @memberof algotrader.v1
             * @classdesc Represents a ForceExit.
             * @constructor
             * @param {algotrader.v1.ForceExit.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ForceExit = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ForceExit requestId.
             * @member {string} requestId
             * @memberof algotrader.v1.ForceExit
             * @instance
             */
            ForceExit.prototype.requestId = "";

            /**
             * ForceExit account.
             * @member {string} account
             * @memberof algotrader.v1.ForceExit
             * @instance
             */
            ForceExit.prototype.account = "";

            /**
             * ForceExit instrument.
             * @member {algotrader.v1.InstrumentRef.$Properties|null|undefined} instrument
             * @memberof algotrader.v1.ForceExit
             * @instance
             */
            ForceExit.prototype.instrument = null;

            /**
             * ForceExit all.
             * @member {boolean} all
             * @memberof algotrader.v1.ForceExit
             * @instance
             */
            ForceExit.prototype.all = false;

            /**
             * ForceExit issuedBy.
             * @member {string} issuedBy
             * @memberof algotrader.v1.ForceExit
             * @instance
             */
            ForceExit.prototype.issuedBy = "";

            /**
             * ForceExit reason.
             * @member {string} reason
             * @memberof algotrader.v1.ForceExit
             * @instance
             */
            ForceExit.prototype.reason = "";

            /**
             * ForceExit timeMs.
             * @member {number} timeMs
             * @memberof algotrader.v1.ForceExit
             * @instance
             */
            ForceExit.prototype.timeMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Creates a new ForceExit instance using the specified properties.
             * @function create
             * @memberof algotrader.v1.ForceExit
             * @static
             * @param {algotrader.v1.ForceExit.$Properties=} [properties] Properties to set
             * @returns {algotrader.v1.ForceExit} ForceExit instance
             * @type {{
             *   (properties: algotrader.v1.ForceExit.$Shape): algotrader.v1.ForceExit & algotrader.v1.ForceExit.$Shape;
             *   (properties?: algotrader.v1.ForceExit.$Properties): algotrader.v1.ForceExit;
             * }}
             */
            ForceExit.create = function(properties) {
                return new ForceExit(properties);
            };

            /**
             * Encodes the specified ForceExit message. Does not implicitly {@link algotrader.v1.ForceExit.verify|verify} messages.
             * @function encode
             * @memberof algotrader.v1.ForceExit
             * @static
             * @param {algotrader.v1.ForceExit.$Properties} m ForceExit message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ForceExit.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId") && m.requestId !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.requestId);
                if (m.account != null && $Object.hasOwnProperty.call(m, "account") && m.account !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.account);
                if (m.instrument != null && $Object.hasOwnProperty.call(m, "instrument"))
                    $root.algotrader.v1.InstrumentRef.encode(m.instrument, w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (m.all != null && $Object.hasOwnProperty.call(m, "all") && m.all !== false)
                    w.uint32(/* id 4, wireType 0 =*/32).bool(m.all);
                if (m.issuedBy != null && $Object.hasOwnProperty.call(m, "issuedBy") && m.issuedBy !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.issuedBy);
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason") && m.reason !== "")
                    w.uint32(/* id 6, wireType 2 =*/50).string(m.reason);
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs") && (typeof m.timeMs === "object" ? m.timeMs.low || m.timeMs.high : m.timeMs !== 0))
                    w.uint32(/* id 7, wireType 0 =*/56).int64(m.timeMs);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Encodes the specified ForceExit message, length delimited. Does not implicitly {@link algotrader.v1.ForceExit.verify|verify} messages.
             * @function encodeDelimited
             * @memberof algotrader.v1.ForceExit
             * @static
             * @param {algotrader.v1.ForceExit.$Properties} message ForceExit message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ForceExit.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a ForceExit message from the specified reader or buffer.
             * @function decode
             * @memberof algotrader.v1.ForceExit
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {algotrader.v1.ForceExit & algotrader.v1.ForceExit.$Shape} ForceExit
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ForceExit.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.algotrader.v1.ForceExit();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.requestId = v;
                            else
                                delete m.requestId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.account = v;
                            else
                                delete m.account;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            m.instrument = $root.algotrader.v1.InstrumentRef.decode(r, r.size(), $undefined, q + 1, m.instrument);
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.all = v;
                            else
                                delete m.all;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.issuedBy = v;
                            else
                                delete m.issuedBy;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.reason = v;
                            else
                                delete m.reason;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.int64()) === "object" ? v.low || v.high : v !== 0)
                                m.timeMs = v;
                            else
                                delete m.timeMs;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Decodes a ForceExit message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof algotrader.v1.ForceExit
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {algotrader.v1.ForceExit & algotrader.v1.ForceExit.$Shape} ForceExit
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ForceExit.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a ForceExit message.
             * @function verify
             * @memberof algotrader.v1.ForceExit
             * @static
             * @param {Object.<string,*>} m Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ForceExit.verify = function (m, q) {
                if (typeof m !== "object" || m === null)
                    return "object expected";
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    return "max depth exceeded";
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId")) {
                    if (!$util.isString(m.requestId))
                        return "requestId: string expected";
                }
                if (m.account != null && $Object.hasOwnProperty.call(m, "account")) {
                    if (!$util.isString(m.account))
                        return "account: string expected";
                }
                if (m.instrument != null && $Object.hasOwnProperty.call(m, "instrument")) {
                    {
                        var e = $root.algotrader.v1.InstrumentRef.verify(m.instrument, q + 1);
                        if (e)
                            return "instrument." + e;
                    }
                }
                if (m.all != null && $Object.hasOwnProperty.call(m, "all")) {
                    if (typeof m.all !== "boolean")
                        return "all: boolean expected";
                }
                if (m.issuedBy != null && $Object.hasOwnProperty.call(m, "issuedBy")) {
                    if (!$util.isString(m.issuedBy))
                        return "issuedBy: string expected";
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    if (!$util.isString(m.reason))
                        return "reason: string expected";
                }
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs")) {
                    if (!$util.isInteger(m.timeMs) && !(m.timeMs && $util.isInteger(m.timeMs.low) && $util.isInteger(m.timeMs.high)))
                        return "timeMs: integer|Long expected";
                }
                return null;
            };

            /**
             * Creates a ForceExit message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof algotrader.v1.ForceExit
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {algotrader.v1.ForceExit} ForceExit
             */
            ForceExit.fromObject = function (d, q) {
                if (d instanceof $root.algotrader.v1.ForceExit)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".algotrader.v1.ForceExit: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.algotrader.v1.ForceExit();
                if (d.requestId != null) {
                    if (typeof d.requestId !== "string" || d.requestId.length) {
                        m.requestId = $String(d.requestId);
                    }
                }
                if (d.account != null) {
                    if (typeof d.account !== "string" || d.account.length) {
                        m.account = $String(d.account);
                    }
                }
                if (d.instrument != null) {
                    if (!$util.isObject(d.instrument))
                        throw $TypeError(".algotrader.v1.ForceExit.instrument: object expected");
                    m.instrument = $root.algotrader.v1.InstrumentRef.fromObject(d.instrument, q + 1);
                }
                if (d.all != null) {
                    if (d.all) {
                        m.all = $Boolean(d.all);
                    }
                }
                if (d.issuedBy != null) {
                    if (typeof d.issuedBy !== "string" || d.issuedBy.length) {
                        m.issuedBy = $String(d.issuedBy);
                    }
                }
                if (d.reason != null) {
                    if (typeof d.reason !== "string" || d.reason.length) {
                        m.reason = $String(d.reason);
                    }
                }
                if (d.timeMs != null) {
                    if (typeof d.timeMs === "object" ? d.timeMs.low || d.timeMs.high : $Number(d.timeMs) !== 0) {
                        if ($util.Long)
                            m.timeMs = $util.Long.fromValue(d.timeMs, false);
                        else if (typeof d.timeMs === "string")
                            m.timeMs = $parseInt(d.timeMs, 10);
                        else if (typeof d.timeMs === "number")
                            m.timeMs = d.timeMs;
                        else if (typeof d.timeMs === "object")
                            m.timeMs = new $util.LongBits(d.timeMs.low >>> 0, d.timeMs.high >>> 0).toNumber();
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a ForceExit message. Also converts values to other types if specified.
             * @function toObject
             * @memberof algotrader.v1.ForceExit
             * @static
             * @param {algotrader.v1.ForceExit} m ForceExit
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ForceExit.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.requestId = "";
                    d.account = "";
                    d.instrument = null;
                    d.all = false;
                    d.issuedBy = "";
                    d.reason = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, false);
                        d.timeMs = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.timeMs = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId")) {
                    d.requestId = m.requestId;
                }
                if (m.account != null && $Object.hasOwnProperty.call(m, "account")) {
                    d.account = m.account;
                }
                if (m.instrument != null && $Object.hasOwnProperty.call(m, "instrument")) {
                    d.instrument = $root.algotrader.v1.InstrumentRef.toObject(m.instrument, o, q + 1);
                }
                if (m.all != null && $Object.hasOwnProperty.call(m, "all")) {
                    d.all = m.all;
                }
                if (m.issuedBy != null && $Object.hasOwnProperty.call(m, "issuedBy")) {
                    d.issuedBy = m.issuedBy;
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    d.reason = m.reason;
                }
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.timeMs = typeof m.timeMs === "number" ? $BigInt(m.timeMs) : $util.Long.fromBits(m.timeMs.low >>> 0, m.timeMs.high >>> 0, false).toBigInt();
                    else if (typeof m.timeMs === "number")
                        d.timeMs = o.longs === $String ? $String(m.timeMs) : m.timeMs;
                    else
                        d.timeMs = o.longs === $String ? $util.Long.prototype.toString.call(m.timeMs) : o.longs === $Number ? new $util.LongBits(m.timeMs.low >>> 0, m.timeMs.high >>> 0).toNumber() : m.timeMs;
                }
                return d;
            };

            /**
             * Converts this ForceExit to JSON.
             * @function toJSON
             * @memberof algotrader.v1.ForceExit
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ForceExit.prototype.toJSON = function() {
                return ForceExit.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ForceExit
             * @function getTypeUrl
             * @memberof algotrader.v1.ForceExit
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ForceExit.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/algotrader.v1.ForceExit";
            };

            return ForceExit;
        })();

        return v1;
    })();

    return algotrader;
})();

export {
  $root as default
};
