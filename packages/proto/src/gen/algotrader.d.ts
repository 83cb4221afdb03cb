import * as $protobuf from "protobufjs";
import Long = require("long");

export namespace algotrader {

    namespace v1 {

        interface IInstrumentRef extends algotrader.v1.InstrumentRef.$Properties {
        }

        class InstrumentRef {
            constructor(p?: algotrader.v1.InstrumentRef.$Properties);
            $unknowns?: Uint8Array[];
            venue: string;
            symbol: string;
            static create(properties: algotrader.v1.InstrumentRef.$Shape): algotrader.v1.InstrumentRef & algotrader.v1.InstrumentRef.$Shape;
            static create(properties?: algotrader.v1.InstrumentRef.$Properties): algotrader.v1.InstrumentRef;
            static encode(m: algotrader.v1.InstrumentRef.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.InstrumentRef.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.InstrumentRef & algotrader.v1.InstrumentRef.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.InstrumentRef & algotrader.v1.InstrumentRef.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.InstrumentRef;
            static toObject(m: algotrader.v1.InstrumentRef, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace InstrumentRef {
            interface $Properties {
                venue?: (string|null);
                symbol?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.InstrumentRef.$Properties;
        }

        enum Side {
            SIDE_UNSPECIFIED = 0,
            SIDE_BUY = 1,
            SIDE_SELL = 2
        }

        enum OrderType {
            ORDER_TYPE_UNSPECIFIED = 0,
            ORDER_TYPE_MARKET = 1,
            ORDER_TYPE_LIMIT = 2
        }

        interface IBar extends algotrader.v1.Bar.$Properties {
        }

        class Bar {
            constructor(p?: algotrader.v1.Bar.$Properties);
            $unknowns?: Uint8Array[];
            instrument?: (algotrader.v1.InstrumentRef.$Properties|null);
            timeframe: string;
            openTimeMs: number;
            closeTimeMs: number;
            open: number;
            high: number;
            low: number;
            close: number;
            volume: number;
            source: string;
            swap?: (algotrader.v1.SwapMark.$Properties|null);
            static create(properties: algotrader.v1.Bar.$Shape): algotrader.v1.Bar & algotrader.v1.Bar.$Shape;
            static create(properties?: algotrader.v1.Bar.$Properties): algotrader.v1.Bar;
            static encode(m: algotrader.v1.Bar.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.Bar.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.Bar & algotrader.v1.Bar.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.Bar & algotrader.v1.Bar.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.Bar;
            static toObject(m: algotrader.v1.Bar, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Bar {
            interface $Properties {
                instrument?: (algotrader.v1.InstrumentRef.$Properties|null);
                timeframe?: (string|null);
                openTimeMs?: (number|null);
                closeTimeMs?: (number|null);
                open?: (number|null);
                high?: (number|null);
                low?: (number|null);
                close?: (number|null);
                volume?: (number|null);
                source?: (string|null);
                swap?: (algotrader.v1.SwapMark.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.Bar.$Properties;
        }

        interface ISwapMark extends algotrader.v1.SwapMark.$Properties {
        }

        class SwapMark {
            constructor(p?: algotrader.v1.SwapMark.$Properties);
            $unknowns?: Uint8Array[];
            markOpen: number;
            markHigh: number;
            markLow: number;
            markClose: number;
            fundingRate?: (number|null);
            static create(properties: algotrader.v1.SwapMark.$Shape): algotrader.v1.SwapMark & algotrader.v1.SwapMark.$Shape;
            static create(properties?: algotrader.v1.SwapMark.$Properties): algotrader.v1.SwapMark;
            static encode(m: algotrader.v1.SwapMark.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.SwapMark.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.SwapMark & algotrader.v1.SwapMark.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.SwapMark & algotrader.v1.SwapMark.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.SwapMark;
            static toObject(m: algotrader.v1.SwapMark, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SwapMark {
            interface $Properties {
                markOpen?: (number|null);
                markHigh?: (number|null);
                markLow?: (number|null);
                markClose?: (number|null);
                fundingRate?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.SwapMark.$Properties;
        }

        interface IFundingRate extends algotrader.v1.FundingRate.$Properties {
        }

        class FundingRate {
            constructor(p?: algotrader.v1.FundingRate.$Properties);
            $unknowns?: Uint8Array[];
            venue: string;
            symbol: string;
            rate: number;
            fundingTimeMs: number;
            nextFundingTimeMs: number;
            fetchedAtMs: number;
            source: string;
            static create(properties: algotrader.v1.FundingRate.$Shape): algotrader.v1.FundingRate & algotrader.v1.FundingRate.$Shape;
            static create(properties?: algotrader.v1.FundingRate.$Properties): algotrader.v1.FundingRate;
            static encode(m: algotrader.v1.FundingRate.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.FundingRate.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.FundingRate & algotrader.v1.FundingRate.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.FundingRate & algotrader.v1.FundingRate.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.FundingRate;
            static toObject(m: algotrader.v1.FundingRate, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace FundingRate {
            interface $Properties {
                venue?: (string|null);
                symbol?: (string|null);
                rate?: (number|null);
                fundingTimeMs?: (number|null);
                nextFundingTimeMs?: (number|null);
                fetchedAtMs?: (number|null);
                source?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.FundingRate.$Properties;
        }

        interface IBarSetClosed extends algotrader.v1.BarSetClosed.$Properties {
        }

        class BarSetClosed {
            constructor(p?: algotrader.v1.BarSetClosed.$Properties);
            $unknowns?: Uint8Array[];
            venue: string;
            timeframe: string;
            closeTimeMs: number;
            arrived: string[];
            missing: string[];
            timedOut: boolean;
            static create(properties: algotrader.v1.BarSetClosed.$Shape): algotrader.v1.BarSetClosed & algotrader.v1.BarSetClosed.$Shape;
            static create(properties?: algotrader.v1.BarSetClosed.$Properties): algotrader.v1.BarSetClosed;
            static encode(m: algotrader.v1.BarSetClosed.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.BarSetClosed.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.BarSetClosed & algotrader.v1.BarSetClosed.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.BarSetClosed & algotrader.v1.BarSetClosed.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.BarSetClosed;
            static toObject(m: algotrader.v1.BarSetClosed, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace BarSetClosed {
            interface $Properties {
                venue?: (string|null);
                timeframe?: (string|null);
                closeTimeMs?: (number|null);
                arrived?: (string[]|null);
                missing?: (string[]|null);
                timedOut?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.BarSetClosed.$Properties;
        }

        interface IFeatureVector extends algotrader.v1.FeatureVector.$Properties {
        }

        class FeatureVector {
            constructor(p?: algotrader.v1.FeatureVector.$Properties);
            $unknowns?: Uint8Array[];
            instrument?: (algotrader.v1.InstrumentRef.$Properties|null);
            timeframe: string;
            closeTimeMs: number;
            values: { [k: string]: number };
            warm: boolean;
            bar?: (algotrader.v1.Bar.$Properties|null);
            static create(properties: algotrader.v1.FeatureVector.$Shape): algotrader.v1.FeatureVector & algotrader.v1.FeatureVector.$Shape;
            static create(properties?: algotrader.v1.FeatureVector.$Properties): algotrader.v1.FeatureVector;
            static encode(m: algotrader.v1.FeatureVector.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.FeatureVector.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.FeatureVector & algotrader.v1.FeatureVector.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.FeatureVector & algotrader.v1.FeatureVector.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.FeatureVector;
            static toObject(m: algotrader.v1.FeatureVector, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace FeatureVector {
            interface $Properties {
                instrument?: (algotrader.v1.InstrumentRef.$Properties|null);
                timeframe?: (string|null);
                closeTimeMs?: (number|null);
                values?: ({ [k: string]: number }|null);
                warm?: (boolean|null);
                bar?: (algotrader.v1.Bar.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.FeatureVector.$Properties;
        }

        enum Severity {
            SEVERITY_UNSPECIFIED = 0,
            SEVERITY_INFO = 1,
            SEVERITY_WARNING = 2,
            SEVERITY_CRITICAL = 3
        }

        interface IAlert extends algotrader.v1.Alert.$Properties {
        }

        class Alert {
            constructor(p?: algotrader.v1.Alert.$Properties);
            $unknowns?: Uint8Array[];
            severity: algotrader.v1.Severity;
            source: string;
            code: string;
            message: string;
            labels: { [k: string]: string };
            timeMs: number;
            dedupeKey: string;
            static create(properties: algotrader.v1.Alert.$Shape): algotrader.v1.Alert & algotrader.v1.Alert.$Shape;
            static create(properties?: algotrader.v1.Alert.$Properties): algotrader.v1.Alert;
            static encode(m: algotrader.v1.Alert.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.Alert.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.Alert & algotrader.v1.Alert.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.Alert & algotrader.v1.Alert.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.Alert;
            static toObject(m: algotrader.v1.Alert, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Alert {
            interface $Properties {
                severity?: (algotrader.v1.Severity|null);
                source?: (string|null);
                code?: (string|null);
                message?: (string|null);
                labels?: ({ [k: string]: string }|null);
                timeMs?: (number|null);
                dedupeKey?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.Alert.$Properties;
        }

        interface IHeartbeat extends algotrader.v1.Heartbeat.$Properties {
        }

        class Heartbeat {
            constructor(p?: algotrader.v1.Heartbeat.$Properties);
            $unknowns?: Uint8Array[];
            service: string;
            instance: string;
            timeMs: number;
            startedMs: number;
            version: string;
            gauges: { [k: string]: number };
            static create(properties: algotrader.v1.Heartbeat.$Shape): algotrader.v1.Heartbeat & algotrader.v1.Heartbeat.$Shape;
            static create(properties?: algotrader.v1.Heartbeat.$Properties): algotrader.v1.Heartbeat;
            static encode(m: algotrader.v1.Heartbeat.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.Heartbeat.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.Heartbeat & algotrader.v1.Heartbeat.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.Heartbeat & algotrader.v1.Heartbeat.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.Heartbeat;
            static toObject(m: algotrader.v1.Heartbeat, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Heartbeat {
            interface $Properties {
                service?: (string|null);
                instance?: (string|null);
                timeMs?: (number|null);
                startedMs?: (number|null);
                version?: (string|null);
                gauges?: ({ [k: string]: number }|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.Heartbeat.$Properties;
        }

        enum ControlAction {
            CONTROL_ACTION_UNSPECIFIED = 0,
            CONTROL_ACTION_PAUSE_STRATEGY = 1,
            CONTROL_ACTION_RESUME_STRATEGY = 2,
            CONTROL_ACTION_HALT = 3,
            CONTROL_ACTION_REDUCE_ONLY = 4,
            CONTROL_ACTION_ACTIVATE = 5
        }

        interface IControlCommand extends algotrader.v1.ControlCommand.$Properties {
        }

        class ControlCommand {
            constructor(p?: algotrader.v1.ControlCommand.$Properties);
            $unknowns?: Uint8Array[];
            action: algotrader.v1.ControlAction;
            strategy: string;
            account: string;
            issuedBy: string;
            reason: string;
            timeMs: number;
            static create(properties: algotrader.v1.ControlCommand.$Shape): algotrader.v1.ControlCommand & algotrader.v1.ControlCommand.$Shape;
            static create(properties?: algotrader.v1.ControlCommand.$Properties): algotrader.v1.ControlCommand;
            static encode(m: algotrader.v1.ControlCommand.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.ControlCommand.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.ControlCommand & algotrader.v1.ControlCommand.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.ControlCommand & algotrader.v1.ControlCommand.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.ControlCommand;
            static toObject(m: algotrader.v1.ControlCommand, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ControlCommand {
            interface $Properties {
                action?: (algotrader.v1.ControlAction|null);
                strategy?: (string|null);
                account?: (string|null);
                issuedBy?: (string|null);
                reason?: (string|null);
                timeMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.ControlCommand.$Properties;
        }

        interface IDeadLetter extends algotrader.v1.DeadLetter.$Properties {
        }

        class DeadLetter {
            constructor(p?: algotrader.v1.DeadLetter.$Properties);
            $unknowns?: Uint8Array[];
            subject: string;
            stream: string;
            streamSeq: number;
            consumer: string;
            deliveries: number;
            reason: string;
            payload: Uint8Array;
            headers: { [k: string]: string };
            timeMs: number;
            static create(properties: algotrader.v1.DeadLetter.$Shape): algotrader.v1.DeadLetter & algotrader.v1.DeadLetter.$Shape;
            static create(properties?: algotrader.v1.DeadLetter.$Properties): algotrader.v1.DeadLetter;
            static encode(m: algotrader.v1.DeadLetter.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.DeadLetter.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.DeadLetter & algotrader.v1.DeadLetter.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.DeadLetter & algotrader.v1.DeadLetter.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.DeadLetter;
            static toObject(m: algotrader.v1.DeadLetter, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace DeadLetter {
            interface $Properties {
                subject?: (string|null);
                stream?: (string|null);
                streamSeq?: (number|null);
                consumer?: (string|null);
                deliveries?: (number|null);
                reason?: (string|null);
                payload?: (Uint8Array|null);
                headers?: ({ [k: string]: string }|null);
                timeMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.DeadLetter.$Properties;
        }

        enum TradingState {
            TRADING_STATE_UNSPECIFIED = 0,
            TRADING_STATE_ACTIVE = 1,
            TRADING_STATE_HALTED = 2,
            TRADING_STATE_REDUCING = 3
        }

        interface IControlState extends algotrader.v1.ControlState.$Properties {
        }

        class ControlState {
            constructor(p?: algotrader.v1.ControlState.$Properties);
            $unknowns?: Uint8Array[];
            account: string;
            state: algotrader.v1.TradingState;
            pausedStrategies: string[];
            reason: string;
            updatedMs: number;
            updatedBy: string;
            static create(properties: algotrader.v1.ControlState.$Shape): algotrader.v1.ControlState & algotrader.v1.ControlState.$Shape;
            static create(properties?: algotrader.v1.ControlState.$Properties): algotrader.v1.ControlState;
            static encode(m: algotrader.v1.ControlState.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.ControlState.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.ControlState & algotrader.v1.ControlState.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.ControlState & algotrader.v1.ControlState.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.ControlState;
            static toObject(m: algotrader.v1.ControlState, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ControlState {
            interface $Properties {
                account?: (string|null);
                state?: (algotrader.v1.TradingState|null);
                pausedStrategies?: (string[]|null);
                reason?: (string|null);
                updatedMs?: (number|null);
                updatedBy?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.ControlState.$Properties;
        }

        interface IStoreCompactRequest extends algotrader.v1.StoreCompactRequest.$Properties {
        }

        class StoreCompactRequest {
            constructor(p?: algotrader.v1.StoreCompactRequest.$Properties);
            $unknowns?: Uint8Array[];
            job: string;
            scheduledMs: number;
            requestedBy: string;
            static create(properties: algotrader.v1.StoreCompactRequest.$Shape): algotrader.v1.StoreCompactRequest & algotrader.v1.StoreCompactRequest.$Shape;
            static create(properties?: algotrader.v1.StoreCompactRequest.$Properties): algotrader.v1.StoreCompactRequest;
            static encode(m: algotrader.v1.StoreCompactRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.StoreCompactRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.StoreCompactRequest & algotrader.v1.StoreCompactRequest.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.StoreCompactRequest & algotrader.v1.StoreCompactRequest.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.StoreCompactRequest;
            static toObject(m: algotrader.v1.StoreCompactRequest, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace StoreCompactRequest {
            interface $Properties {
                job?: (string|null);
                scheduledMs?: (number|null);
                requestedBy?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.StoreCompactRequest.$Properties;
        }

        interface IStoreCompactReply extends algotrader.v1.StoreCompactReply.$Properties {
        }

        class StoreCompactReply {
            constructor(p?: algotrader.v1.StoreCompactReply.$Properties);
            $unknowns?: Uint8Array[];
            ok: boolean;
            error: string;
            partitions: number;
            filesBefore: number;
            filesAfter: number;
            rows: number;
            durationMs: number;
            static create(properties: algotrader.v1.StoreCompactReply.$Shape): algotrader.v1.StoreCompactReply & algotrader.v1.StoreCompactReply.$Shape;
            static create(properties?: algotrader.v1.StoreCompactReply.$Properties): algotrader.v1.StoreCompactReply;
            static encode(m: algotrader.v1.StoreCompactReply.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.StoreCompactReply.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.StoreCompactReply & algotrader.v1.StoreCompactReply.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.StoreCompactReply & algotrader.v1.StoreCompactReply.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.StoreCompactReply;
            static toObject(m: algotrader.v1.StoreCompactReply, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace StoreCompactReply {
            interface $Properties {
                ok?: (boolean|null);
                error?: (string|null);
                partitions?: (number|null);
                filesBefore?: (number|null);
                filesAfter?: (number|null);
                rows?: (number|null);
                durationMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.StoreCompactReply.$Properties;
        }

        interface ISweepJob extends algotrader.v1.SweepJob.$Properties {
        }

        class SweepJob {
            constructor(p?: algotrader.v1.SweepJob.$Properties);
            $unknowns?: Uint8Array[];
            sweepId: string;
            jobId: number;
            strategy: string;
            paramsJson: string;
            dataRef: string;
            symbols: string[];
            timeframe: string;
            fromMs: number;
            toMs: number;
            fillModelJson: string;
            initialCash: number;
            window: string;
            static create(properties: algotrader.v1.SweepJob.$Shape): algotrader.v1.SweepJob & algotrader.v1.SweepJob.$Shape;
            static create(properties?: algotrader.v1.SweepJob.$Properties): algotrader.v1.SweepJob;
            static encode(m: algotrader.v1.SweepJob.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.SweepJob.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.SweepJob & algotrader.v1.SweepJob.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.SweepJob & algotrader.v1.SweepJob.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.SweepJob;
            static toObject(m: algotrader.v1.SweepJob, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SweepJob {
            interface $Properties {
                sweepId?: (string|null);
                jobId?: (number|null);
                strategy?: (string|null);
                paramsJson?: (string|null);
                dataRef?: (string|null);
                symbols?: (string[]|null);
                timeframe?: (string|null);
                fromMs?: (number|null);
                toMs?: (number|null);
                fillModelJson?: (string|null);
                initialCash?: (number|null);
                window?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.SweepJob.$Properties;
        }

        interface ISweepResult extends algotrader.v1.SweepResult.$Properties {
        }

        class SweepResult {
            constructor(p?: algotrader.v1.SweepResult.$Properties);
            $unknowns?: Uint8Array[];
            sweepId: string;
            jobId: number;
            paramsJson: string;
            metrics: { [k: string]: number };
            error: string;
            worker: string;
            seconds: number;
            window: string;
            static create(properties: algotrader.v1.SweepResult.$Shape): algotrader.v1.SweepResult & algotrader.v1.SweepResult.$Shape;
            static create(properties?: algotrader.v1.SweepResult.$Properties): algotrader.v1.SweepResult;
            static encode(m: algotrader.v1.SweepResult.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.SweepResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.SweepResult & algotrader.v1.SweepResult.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.SweepResult & algotrader.v1.SweepResult.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.SweepResult;
            static toObject(m: algotrader.v1.SweepResult, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SweepResult {
            interface $Properties {
                sweepId?: (string|null);
                jobId?: (number|null);
                paramsJson?: (string|null);
                metrics?: ({ [k: string]: number }|null);
                error?: (string|null);
                worker?: (string|null);
                seconds?: (number|null);
                window?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.SweepResult.$Properties;
        }

        interface IBookPosition extends algotrader.v1.BookPosition.$Properties {
        }

        class BookPosition {
            constructor(p?: algotrader.v1.BookPosition.$Properties);
            $unknowns?: Uint8Array[];
            qty: number;
            avg: number;
            realized: number;
            fees: number;
            locked?: (algotrader.v1.LockedQty.$Properties|null);
            static create(properties: algotrader.v1.BookPosition.$Shape): algotrader.v1.BookPosition & algotrader.v1.BookPosition.$Shape;
            static create(properties?: algotrader.v1.BookPosition.$Properties): algotrader.v1.BookPosition;
            static encode(m: algotrader.v1.BookPosition.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.BookPosition.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.BookPosition & algotrader.v1.BookPosition.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.BookPosition & algotrader.v1.BookPosition.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.BookPosition;
            static toObject(m: algotrader.v1.BookPosition, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace BookPosition {
            interface $Properties {
                qty?: (number|null);
                avg?: (number|null);
                realized?: (number|null);
                fees?: (number|null);
                locked?: (algotrader.v1.LockedQty.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.BookPosition.$Properties;
        }

        interface ILockedQty extends algotrader.v1.LockedQty.$Properties {
        }

        class LockedQty {
            constructor(p?: algotrader.v1.LockedQty.$Properties);
            $unknowns?: Uint8Array[];
            qty: number;
            day: number;
            static create(properties: algotrader.v1.LockedQty.$Shape): algotrader.v1.LockedQty & algotrader.v1.LockedQty.$Shape;
            static create(properties?: algotrader.v1.LockedQty.$Properties): algotrader.v1.LockedQty;
            static encode(m: algotrader.v1.LockedQty.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.LockedQty.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.LockedQty & algotrader.v1.LockedQty.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.LockedQty & algotrader.v1.LockedQty.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.LockedQty;
            static toObject(m: algotrader.v1.LockedQty, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace LockedQty {
            interface $Properties {
                qty?: (number|null);
                day?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.LockedQty.$Properties;
        }

        interface IAccountBook extends algotrader.v1.AccountBook.$Properties {
        }

        class AccountBook {
            constructor(p?: algotrader.v1.AccountBook.$Properties);
            $unknowns?: Uint8Array[];
            initialCash: number;
            cash: number;
            positions: { [k: string]: algotrader.v1.BookPosition.$Properties };
            marks: { [k: string]: number };
            equity: number;
            peakEquity: number;
            day: number;
            dayStartEquity: number;
            valuedAtMs: number;
            swaps: { [k: string]: algotrader.v1.SwapPositionBook.$Properties };
            static create(properties: algotrader.v1.AccountBook.$Shape): algotrader.v1.AccountBook & algotrader.v1.AccountBook.$Shape;
            static create(properties?: algotrader.v1.AccountBook.$Properties): algotrader.v1.AccountBook;
            static encode(m: algotrader.v1.AccountBook.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.AccountBook.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.AccountBook & algotrader.v1.AccountBook.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.AccountBook & algotrader.v1.AccountBook.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.AccountBook;
            static toObject(m: algotrader.v1.AccountBook, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace AccountBook {
            interface $Properties {
                initialCash?: (number|null);
                cash?: (number|null);
                positions?: ({ [k: string]: algotrader.v1.BookPosition.$Properties }|null);
                marks?: ({ [k: string]: number }|null);
                equity?: (number|null);
                peakEquity?: (number|null);
                day?: (number|null);
                dayStartEquity?: (number|null);
                valuedAtMs?: (number|null);
                swaps?: ({ [k: string]: algotrader.v1.SwapPositionBook.$Properties }|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.AccountBook.$Properties;
        }

        interface ISwapPositionBook extends algotrader.v1.SwapPositionBook.$Properties {
        }

        class SwapPositionBook {
            constructor(p?: algotrader.v1.SwapPositionBook.$Properties);
            $unknowns?: Uint8Array[];
            qty: number;
            avg: number;
            margin: number;
            mode: string;
            leverage: number;
            realized: number;
            fees: number;
            funding: number;
            liquidationLoss: number;
            liquidationFees: number;
            liquidations: number;
            static create(properties: algotrader.v1.SwapPositionBook.$Shape): algotrader.v1.SwapPositionBook & algotrader.v1.SwapPositionBook.$Shape;
            static create(properties?: algotrader.v1.SwapPositionBook.$Properties): algotrader.v1.SwapPositionBook;
            static encode(m: algotrader.v1.SwapPositionBook.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.SwapPositionBook.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.SwapPositionBook & algotrader.v1.SwapPositionBook.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.SwapPositionBook & algotrader.v1.SwapPositionBook.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.SwapPositionBook;
            static toObject(m: algotrader.v1.SwapPositionBook, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SwapPositionBook {
            interface $Properties {
                qty?: (number|null);
                avg?: (number|null);
                margin?: (number|null);
                mode?: (string|null);
                leverage?: (number|null);
                realized?: (number|null);
                fees?: (number|null);
                funding?: (number|null);
                liquidationLoss?: (number|null);
                liquidationFees?: (number|null);
                liquidations?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.SwapPositionBook.$Properties;
        }

        interface IOrderRecord extends algotrader.v1.OrderRecord.$Properties {
        }

        class OrderRecord {
            constructor(p?: algotrader.v1.OrderRecord.$Properties);
            $unknowns?: Uint8Array[];
            id: string;
            strategy: string;
            instrument: string;
            side: algotrader.v1.Side;
            type: algotrader.v1.OrderType;
            qty: number;
            limitPrice?: (number|null);
            decisionTimeMs: number;
            eligibleOpenMs: number;
            status: algotrader.v1.OrderState;
            events: number;
            filledQty: number;
            avgFillPrice: number;
            reason?: (string|null);
            exchangeId?: (string|null);
            trades: string[];
            exits?: (algotrader.v1.ProtectiveExits.$Properties|null);
            exitReason: algotrader.v1.ExitReason;
            reduceOnly: boolean;
            static create(properties: algotrader.v1.OrderRecord.$Shape): algotrader.v1.OrderRecord & algotrader.v1.OrderRecord.$Shape;
            static create(properties?: algotrader.v1.OrderRecord.$Properties): algotrader.v1.OrderRecord;
            static encode(m: algotrader.v1.OrderRecord.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.OrderRecord.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.OrderRecord & algotrader.v1.OrderRecord.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.OrderRecord & algotrader.v1.OrderRecord.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.OrderRecord;
            static toObject(m: algotrader.v1.OrderRecord, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace OrderRecord {
            interface $Properties {
                id?: (string|null);
                strategy?: (string|null);
                instrument?: (string|null);
                side?: (algotrader.v1.Side|null);
                type?: (algotrader.v1.OrderType|null);
                qty?: (number|null);
                limitPrice?: (number|null);
                decisionTimeMs?: (number|null);
                eligibleOpenMs?: (number|null);
                status?: (algotrader.v1.OrderState|null);
                events?: (number|null);
                filledQty?: (number|null);
                avgFillPrice?: (number|null);
                reason?: (string|null);
                exchangeId?: (string|null);
                trades?: (string[]|null);
                exits?: (algotrader.v1.ProtectiveExits.$Properties|null);
                exitReason?: (algotrader.v1.ExitReason|null);
                reduceOnly?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.OrderRecord.$Properties;
        }

        interface IArmedExits extends algotrader.v1.ArmedExits.$Properties {
        }

        class ArmedExits {
            constructor(p?: algotrader.v1.ArmedExits.$Properties);
            $unknowns?: Uint8Array[];
            strategy: string;
            dir: number;
            stop: number;
            takeProfit: number;
            trail: number;
            best: number;
            static create(properties: algotrader.v1.ArmedExits.$Shape): algotrader.v1.ArmedExits & algotrader.v1.ArmedExits.$Shape;
            static create(properties?: algotrader.v1.ArmedExits.$Properties): algotrader.v1.ArmedExits;
            static encode(m: algotrader.v1.ArmedExits.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.ArmedExits.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.ArmedExits & algotrader.v1.ArmedExits.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.ArmedExits & algotrader.v1.ArmedExits.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.ArmedExits;
            static toObject(m: algotrader.v1.ArmedExits, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ArmedExits {
            interface $Properties {
                strategy?: (string|null);
                dir?: (number|null);
                stop?: (number|null);
                takeProfit?: (number|null);
                trail?: (number|null);
                best?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.ArmedExits.$Properties;
        }

        interface IAccountState extends algotrader.v1.AccountState.$Properties {
        }

        class AccountState {
            constructor(p?: algotrader.v1.AccountState.$Properties);
            $unknowns?: Uint8Array[];
            version: number;
            account: string;
            quote: string;
            book?: (algotrader.v1.AccountBook.$Properties|null);
            orders: algotrader.v1.OrderRecord.$Properties[];
            pending: string[];
            done: string[];
            mdSeq: number;
            orderSeq: number;
            steppedThroughMs: number;
            visibleThroughMs: number;
            lastBarSetMs: number;
            fills: number;
            updatedMs: number;
            swapBooked: string[];
            protections: { [k: string]: algotrader.v1.ArmedExits.$Properties };
            static create(properties: algotrader.v1.AccountState.$Shape): algotrader.v1.AccountState & algotrader.v1.AccountState.$Shape;
            static create(properties?: algotrader.v1.AccountState.$Properties): algotrader.v1.AccountState;
            static encode(m: algotrader.v1.AccountState.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.AccountState.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.AccountState & algotrader.v1.AccountState.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.AccountState & algotrader.v1.AccountState.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.AccountState;
            static toObject(m: algotrader.v1.AccountState, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace AccountState {
            interface $Properties {
                version?: (number|null);
                account?: (string|null);
                quote?: (string|null);
                book?: (algotrader.v1.AccountBook.$Properties|null);
                orders?: (algotrader.v1.OrderRecord.$Properties[]|null);
                pending?: (string[]|null);
                done?: (string[]|null);
                mdSeq?: (number|null);
                orderSeq?: (number|null);
                steppedThroughMs?: (number|null);
                visibleThroughMs?: (number|null);
                lastBarSetMs?: (number|null);
                fills?: (number|null);
                updatedMs?: (number|null);
                swapBooked?: (string[]|null);
                protections?: ({ [k: string]: algotrader.v1.ArmedExits.$Properties }|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.AccountState.$Properties;
        }

        interface IDecisionProgress extends algotrader.v1.DecisionProgress.$Properties {
        }

        class DecisionProgress {
            constructor(p?: algotrader.v1.DecisionProgress.$Properties);
            $unknowns?: Uint8Array[];
            decidedThroughMs: number;
            approvedSeq: number;
            static create(properties: algotrader.v1.DecisionProgress.$Shape): algotrader.v1.DecisionProgress & algotrader.v1.DecisionProgress.$Shape;
            static create(properties?: algotrader.v1.DecisionProgress.$Properties): algotrader.v1.DecisionProgress;
            static encode(m: algotrader.v1.DecisionProgress.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.DecisionProgress.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.DecisionProgress & algotrader.v1.DecisionProgress.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.DecisionProgress & algotrader.v1.DecisionProgress.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.DecisionProgress;
            static toObject(m: algotrader.v1.DecisionProgress, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace DecisionProgress {
            interface $Properties {
                decidedThroughMs?: (number|null);
                approvedSeq?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.DecisionProgress.$Properties;
        }

        interface ISignal extends algotrader.v1.Signal.$Properties {
        }

        class Signal {
            constructor(p?: algotrader.v1.Signal.$Properties);
            $unknowns?: Uint8Array[];
            strategy: string;
            instrument?: (algotrader.v1.InstrumentRef.$Properties|null);
            closeTimeMs: number;
            target?: (algotrader.v1.TargetPosition.$Properties|null);
            intent?: (algotrader.v1.OrderIntent.$Properties|null);
            account: string;
            exits?: (algotrader.v1.ProtectiveExits.$Properties|null);
            decision?: ("target"|"intent");
            static create(properties: algotrader.v1.Signal.$Shape): algotrader.v1.Signal & algotrader.v1.Signal.$Shape;
            static create(properties?: algotrader.v1.Signal.$Properties): algotrader.v1.Signal;
            static encode(m: algotrader.v1.Signal.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.Signal.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.Signal & algotrader.v1.Signal.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.Signal & algotrader.v1.Signal.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.Signal;
            static toObject(m: algotrader.v1.Signal, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Signal {
            interface $Properties {
                strategy?: (string|null);
                instrument?: (algotrader.v1.InstrumentRef.$Properties|null);
                closeTimeMs?: (number|null);
                target?: (algotrader.v1.TargetPosition.$Properties|null);
                intent?: (algotrader.v1.OrderIntent.$Properties|null);
                account?: (string|null);
                exits?: (algotrader.v1.ProtectiveExits.$Properties|null);
                decision?: ("target"|"intent");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              strategy?: string|null;
              instrument?: algotrader.v1.InstrumentRef.$Shape|null;
              closeTimeMs?: number|null;
              target?: algotrader.v1.TargetPosition.$Shape|null;
              intent?: algotrader.v1.OrderIntent.$Shape|null;
              account?: string|null;
              exits?: algotrader.v1.ProtectiveExits.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ decision?: undefined; target?: null; intent?: null }|{ decision?: "target"; target: algotrader.v1.TargetPosition.$Shape; intent?: null }|{ decision?: "intent"; target?: null; intent: algotrader.v1.OrderIntent.$Shape })
            );
        }

        interface IProtectiveExits extends algotrader.v1.ProtectiveExits.$Properties {
        }

        class ProtectiveExits {
            constructor(p?: algotrader.v1.ProtectiveExits.$Properties);
            $unknowns?: Uint8Array[];
            stopLossPrice: string;
            stopLossFraction: string;
            takeProfitPrice: string;
            takeProfitFraction: string;
            trailingStopFraction: string;
            static create(properties: algotrader.v1.ProtectiveExits.$Shape): algotrader.v1.ProtectiveExits & algotrader.v1.ProtectiveExits.$Shape;
            static create(properties?: algotrader.v1.ProtectiveExits.$Properties): algotrader.v1.ProtectiveExits;
            static encode(m: algotrader.v1.ProtectiveExits.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.ProtectiveExits.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.ProtectiveExits & algotrader.v1.ProtectiveExits.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.ProtectiveExits & algotrader.v1.ProtectiveExits.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.ProtectiveExits;
            static toObject(m: algotrader.v1.ProtectiveExits, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ProtectiveExits {
            interface $Properties {
                stopLossPrice?: (string|null);
                stopLossFraction?: (string|null);
                takeProfitPrice?: (string|null);
                takeProfitFraction?: (string|null);
                trailingStopFraction?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.ProtectiveExits.$Properties;
        }

        enum ExitReason {
            EXIT_REASON_UNSPECIFIED = 0,
            EXIT_REASON_SIGNAL = 1,
            EXIT_REASON_STOP_LOSS = 2,
            EXIT_REASON_TAKE_PROFIT = 3,
            EXIT_REASON_TRAILING_STOP = 4,
            EXIT_REASON_FORCEEXIT = 5,
            EXIT_REASON_LIQUIDATION = 6
        }

        interface ITargetPosition extends algotrader.v1.TargetPosition.$Properties {
        }

        class TargetPosition {
            constructor(p?: algotrader.v1.TargetPosition.$Properties);
            $unknowns?: Uint8Array[];
            units?: (string|null);
            equityFraction?: (string|null);
            size?: ("units"|"equityFraction");
            static create(properties: algotrader.v1.TargetPosition.$Shape): algotrader.v1.TargetPosition & algotrader.v1.TargetPosition.$Shape;
            static create(properties?: algotrader.v1.TargetPosition.$Properties): algotrader.v1.TargetPosition;
            static encode(m: algotrader.v1.TargetPosition.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.TargetPosition.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.TargetPosition & algotrader.v1.TargetPosition.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.TargetPosition & algotrader.v1.TargetPosition.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.TargetPosition;
            static toObject(m: algotrader.v1.TargetPosition, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace TargetPosition {
            interface $Properties {
                units?: (string|null);
                equityFraction?: (string|null);
                size?: ("units"|"equityFraction");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              units?: string|null;
              equityFraction?: string|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ size?: undefined; units?: null; equityFraction?: null }|{ size?: "units"; units: string; equityFraction?: null }|{ size?: "equityFraction"; units?: null; equityFraction: string })
            );
        }

        interface IOrderIntent extends algotrader.v1.OrderIntent.$Properties {
        }

        class OrderIntent {
            constructor(p?: algotrader.v1.OrderIntent.$Properties);
            $unknowns?: Uint8Array[];
            side: algotrader.v1.Side;
            type: algotrader.v1.OrderType;
            quantity: string;
            limitPrice: string;
            static create(properties: algotrader.v1.OrderIntent.$Shape): algotrader.v1.OrderIntent & algotrader.v1.OrderIntent.$Shape;
            static create(properties?: algotrader.v1.OrderIntent.$Properties): algotrader.v1.OrderIntent;
            static encode(m: algotrader.v1.OrderIntent.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.OrderIntent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.OrderIntent & algotrader.v1.OrderIntent.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.OrderIntent & algotrader.v1.OrderIntent.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.OrderIntent;
            static toObject(m: algotrader.v1.OrderIntent, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace OrderIntent {
            interface $Properties {
                side?: (algotrader.v1.Side|null);
                type?: (algotrader.v1.OrderType|null);
                quantity?: (string|null);
                limitPrice?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.OrderIntent.$Properties;
        }

        interface ISignalSetClosed extends algotrader.v1.SignalSetClosed.$Properties {
        }

        class SignalSetClosed {
            constructor(p?: algotrader.v1.SignalSetClosed.$Properties);
            $unknowns?: Uint8Array[];
            venue: string;
            timeframe: string;
            closeTimeMs: number;
            strategies: string[];
            marks: { [k: string]: number };
            instruments: string[];
            static create(properties: algotrader.v1.SignalSetClosed.$Shape): algotrader.v1.SignalSetClosed & algotrader.v1.SignalSetClosed.$Shape;
            static create(properties?: algotrader.v1.SignalSetClosed.$Properties): algotrader.v1.SignalSetClosed;
            static encode(m: algotrader.v1.SignalSetClosed.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.SignalSetClosed.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.SignalSetClosed & algotrader.v1.SignalSetClosed.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.SignalSetClosed & algotrader.v1.SignalSetClosed.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.SignalSetClosed;
            static toObject(m: algotrader.v1.SignalSetClosed, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SignalSetClosed {
            interface $Properties {
                venue?: (string|null);
                timeframe?: (string|null);
                closeTimeMs?: (number|null);
                strategies?: (string[]|null);
                marks?: ({ [k: string]: number }|null);
                instruments?: (string[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.SignalSetClosed.$Properties;
        }

        interface IOrderRequest extends algotrader.v1.OrderRequest.$Properties {
        }

        class OrderRequest {
            constructor(p?: algotrader.v1.OrderRequest.$Properties);
            $unknowns?: Uint8Array[];
            clientOrderId: string;
            account: string;
            strategy: string;
            instrument?: (algotrader.v1.InstrumentRef.$Properties|null);
            side: algotrader.v1.Side;
            type: algotrader.v1.OrderType;
            quantity: string;
            limitPrice: string;
            quoteAmount: string;
            decisionTimeMs: number;
            reduceOnly: boolean;
            cancel: boolean;
            exits?: (algotrader.v1.ProtectiveExits.$Properties|null);
            static create(properties: algotrader.v1.OrderRequest.$Shape): algotrader.v1.OrderRequest & algotrader.v1.OrderRequest.$Shape;
            static create(properties?: algotrader.v1.OrderRequest.$Properties): algotrader.v1.OrderRequest;
            static encode(m: algotrader.v1.OrderRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.OrderRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.OrderRequest & algotrader.v1.OrderRequest.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.OrderRequest & algotrader.v1.OrderRequest.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.OrderRequest;
            static toObject(m: algotrader.v1.OrderRequest, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace OrderRequest {
            interface $Properties {
                clientOrderId?: (string|null);
                account?: (string|null);
                strategy?: (string|null);
                instrument?: (algotrader.v1.InstrumentRef.$Properties|null);
                side?: (algotrader.v1.Side|null);
                type?: (algotrader.v1.OrderType|null);
                quantity?: (string|null);
                limitPrice?: (string|null);
                quoteAmount?: (string|null);
                decisionTimeMs?: (number|null);
                reduceOnly?: (boolean|null);
                cancel?: (boolean|null);
                exits?: (algotrader.v1.ProtectiveExits.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.OrderRequest.$Properties;
        }

        enum RejectReason {
            REJECT_REASON_UNSPECIFIED = 0,
            REJECT_REASON_HALTED = 1,
            REJECT_REASON_REDUCE_ONLY = 2,
            REJECT_REASON_MAX_ORDER_NOTIONAL = 3,
            REJECT_REASON_MAX_POSITION_NOTIONAL = 4,
            REJECT_REASON_MAX_GROSS_EXPOSURE = 5,
            REJECT_REASON_MAX_ORDER_RATE = 6,
            REJECT_REASON_MAX_DAILY_LOSS = 7,
            REJECT_REASON_MAX_DRAWDOWN = 8,
            REJECT_REASON_STALE_DATA = 9,
            REJECT_REASON_NO_SHORT = 10,
            REJECT_REASON_INSUFFICIENT_CASH = 11,
            REJECT_REASON_BELOW_MIN_NOTIONAL = 12,
            REJECT_REASON_STRATEGY_PAUSED = 13,
            REJECT_REASON_T_PLUS_ONE = 20,
            REJECT_REASON_LOT = 21,
            REJECT_REASON_PRICE_LIMIT = 22,
            REJECT_REASON_MAX_ACCOUNT_LEVERAGE = 30,
            REJECT_REASON_MAX_INSTRUMENT_LEVERAGE = 31,
            REJECT_REASON_MIN_LIQUIDATION_DISTANCE = 32,
            REJECT_REASON_INSUFFICIENT_MARGIN = 33,
            REJECT_REASON_EXTREME_FUNDING = 34,
            REJECT_REASON_MARGIN_RATIO = 35
        }

        interface IRiskRejection extends algotrader.v1.RiskRejection.$Properties {
        }

        class RiskRejection {
            constructor(p?: algotrader.v1.RiskRejection.$Properties);
            $unknowns?: Uint8Array[];
            order?: (algotrader.v1.OrderRequest.$Properties|null);
            reason: algotrader.v1.RejectReason;
            detail: string;
            timeMs: number;
            static create(properties: algotrader.v1.RiskRejection.$Shape): algotrader.v1.RiskRejection & algotrader.v1.RiskRejection.$Shape;
            static create(properties?: algotrader.v1.RiskRejection.$Properties): algotrader.v1.RiskRejection;
            static encode(m: algotrader.v1.RiskRejection.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.RiskRejection.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.RiskRejection & algotrader.v1.RiskRejection.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.RiskRejection & algotrader.v1.RiskRejection.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.RiskRejection;
            static toObject(m: algotrader.v1.RiskRejection, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace RiskRejection {
            interface $Properties {
                order?: (algotrader.v1.OrderRequest.$Properties|null);
                reason?: (algotrader.v1.RejectReason|null);
                detail?: (string|null);
                timeMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.RiskRejection.$Properties;
        }

        enum OrderState {
            ORDER_STATE_UNSPECIFIED = 0,
            ORDER_STATE_PENDING_SUBMIT = 1,
            ORDER_STATE_SUBMITTED = 2,
            ORDER_STATE_ACCEPTED = 3,
            ORDER_STATE_PARTIALLY_FILLED = 4,
            ORDER_STATE_FILLED = 5,
            ORDER_STATE_PENDING_CANCEL = 6,
            ORDER_STATE_CANCELED = 7,
            ORDER_STATE_REJECTED = 8,
            ORDER_STATE_EXPIRED = 9,
            ORDER_STATE_UNKNOWN = 10
        }

        interface IOrderEvent extends algotrader.v1.OrderEvent.$Properties {
        }

        class OrderEvent {
            constructor(p?: algotrader.v1.OrderEvent.$Properties);
            $unknowns?: Uint8Array[];
            clientOrderId: string;
            exchangeOrderId: string;
            account: string;
            instrument?: (algotrader.v1.InstrumentRef.$Properties|null);
            state: algotrader.v1.OrderState;
            previousState: algotrader.v1.OrderState;
            filledQuantity: string;
            averagePrice: string;
            reason: string;
            timeMs: number;
            seq: number;
            static create(properties: algotrader.v1.OrderEvent.$Shape): algotrader.v1.OrderEvent & algotrader.v1.OrderEvent.$Shape;
            static create(properties?: algotrader.v1.OrderEvent.$Properties): algotrader.v1.OrderEvent;
            static encode(m: algotrader.v1.OrderEvent.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.OrderEvent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.OrderEvent & algotrader.v1.OrderEvent.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.OrderEvent & algotrader.v1.OrderEvent.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.OrderEvent;
            static toObject(m: algotrader.v1.OrderEvent, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace OrderEvent {
            interface $Properties {
                clientOrderId?: (string|null);
                exchangeOrderId?: (string|null);
                account?: (string|null);
                instrument?: (algotrader.v1.InstrumentRef.$Properties|null);
                state?: (algotrader.v1.OrderState|null);
                previousState?: (algotrader.v1.OrderState|null);
                filledQuantity?: (string|null);
                averagePrice?: (string|null);
                reason?: (string|null);
                timeMs?: (number|null);
                seq?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.OrderEvent.$Properties;
        }

        interface IFill extends algotrader.v1.Fill.$Properties {
        }

        class Fill {
            constructor(p?: algotrader.v1.Fill.$Properties);
            $unknowns?: Uint8Array[];
            tradeId: string;
            clientOrderId: string;
            account: string;
            instrument?: (algotrader.v1.InstrumentRef.$Properties|null);
            side: algotrader.v1.Side;
            quantity: string;
            price: string;
            fee: string;
            feeCurrency: string;
            timeMs: number;
            maker: boolean;
            exitReason: algotrader.v1.ExitReason;
            static create(properties: algotrader.v1.Fill.$Shape): algotrader.v1.Fill & algotrader.v1.Fill.$Shape;
            static create(properties?: algotrader.v1.Fill.$Properties): algotrader.v1.Fill;
            static encode(m: algotrader.v1.Fill.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.Fill.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.Fill & algotrader.v1.Fill.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.Fill & algotrader.v1.Fill.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.Fill;
            static toObject(m: algotrader.v1.Fill, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Fill {
            interface $Properties {
                tradeId?: (string|null);
                clientOrderId?: (string|null);
                account?: (string|null);
                instrument?: (algotrader.v1.InstrumentRef.$Properties|null);
                side?: (algotrader.v1.Side|null);
                quantity?: (string|null);
                price?: (string|null);
                fee?: (string|null);
                feeCurrency?: (string|null);
                timeMs?: (number|null);
                maker?: (boolean|null);
                exitReason?: (algotrader.v1.ExitReason|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.Fill.$Properties;
        }

        interface IPosition extends algotrader.v1.Position.$Properties {
        }

        class Position {
            constructor(p?: algotrader.v1.Position.$Properties);
            $unknowns?: Uint8Array[];
            instrument?: (algotrader.v1.InstrumentRef.$Properties|null);
            quantity: string;
            averagePrice: string;
            realizedPnl: string;
            unrealizedPnl: string;
            markPrice: string;
            static create(properties: algotrader.v1.Position.$Shape): algotrader.v1.Position & algotrader.v1.Position.$Shape;
            static create(properties?: algotrader.v1.Position.$Properties): algotrader.v1.Position;
            static encode(m: algotrader.v1.Position.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.Position.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.Position & algotrader.v1.Position.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.Position & algotrader.v1.Position.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.Position;
            static toObject(m: algotrader.v1.Position, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Position {
            interface $Properties {
                instrument?: (algotrader.v1.InstrumentRef.$Properties|null);
                quantity?: (string|null);
                averagePrice?: (string|null);
                realizedPnl?: (string|null);
                unrealizedPnl?: (string|null);
                markPrice?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.Position.$Properties;
        }

        interface IPositionSnapshot extends algotrader.v1.PositionSnapshot.$Properties {
        }

        class PositionSnapshot {
            constructor(p?: algotrader.v1.PositionSnapshot.$Properties);
            $unknowns?: Uint8Array[];
            account: string;
            timeMs: number;
            positions: algotrader.v1.Position.$Properties[];
            cash: string;
            equity: string;
            quoteCurrency: string;
            peakEquity: string;
            dayStartEquity: string;
            drawdown: string;
            dailyPnl: string;
            static create(properties: algotrader.v1.PositionSnapshot.$Shape): algotrader.v1.PositionSnapshot & algotrader.v1.PositionSnapshot.$Shape;
            static create(properties?: algotrader.v1.PositionSnapshot.$Properties): algotrader.v1.PositionSnapshot;
            static encode(m: algotrader.v1.PositionSnapshot.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.PositionSnapshot.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.PositionSnapshot & algotrader.v1.PositionSnapshot.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.PositionSnapshot & algotrader.v1.PositionSnapshot.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.PositionSnapshot;
            static toObject(m: algotrader.v1.PositionSnapshot, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace PositionSnapshot {
            interface $Properties {
                account?: (string|null);
                timeMs?: (number|null);
                positions?: (algotrader.v1.Position.$Properties[]|null);
                cash?: (string|null);
                equity?: (string|null);
                quoteCurrency?: (string|null);
                peakEquity?: (string|null);
                dayStartEquity?: (string|null);
                drawdown?: (string|null);
                dailyPnl?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.PositionSnapshot.$Properties;
        }

        interface IForceExit extends algotrader.v1.ForceExit.$Properties {
        }

        class ForceExit {
            constructor(p?: algotrader.v1.ForceExit.$Properties);
            $unknowns?: Uint8Array[];
            requestId: string;
            account: string;
            instrument?: (algotrader.v1.InstrumentRef.$Properties|null);
            all: boolean;
            issuedBy: string;
            reason: string;
            timeMs: number;
            static create(properties: algotrader.v1.ForceExit.$Shape): algotrader.v1.ForceExit & algotrader.v1.ForceExit.$Shape;
            static create(properties?: algotrader.v1.ForceExit.$Properties): algotrader.v1.ForceExit;
            static encode(m: algotrader.v1.ForceExit.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: algotrader.v1.ForceExit.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): algotrader.v1.ForceExit & algotrader.v1.ForceExit.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): algotrader.v1.ForceExit & algotrader.v1.ForceExit.$Shape;
            static verify(m: { [k: string]: any }): (string|null);
            static fromObject(d: { [k: string]: any }): algotrader.v1.ForceExit;
            static toObject(m: algotrader.v1.ForceExit, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ForceExit {
            interface $Properties {
                requestId?: (string|null);
                account?: (string|null);
                instrument?: (algotrader.v1.InstrumentRef.$Properties|null);
                all?: (boolean|null);
                issuedBy?: (string|null);
                reason?: (string|null);
                timeMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = algotrader.v1.ForceExit.$Properties;
        }
    }
}
